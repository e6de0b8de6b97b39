"""Demo photographs drawn with Pillow: landscapes, coasts and skylines that read as photos.

Nothing is downloaded and nothing needs a licence: each picture is drawn from a seed (the
article's slug), so every run makes the same image. Layers of ridges fade into haze, water
mirrors the sky, windows light up a skyline; a soft blur, film grain and a vignette finish it.
"""

import io
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

SIZE = (1280, 720)

# Sky palettes, top to horizon: (zenith, horizon, sun).
SKIES = {
    "morning": ((92, 140, 196), (246, 214, 170), (255, 236, 190)),
    "noon": ((58, 118, 190), (190, 220, 240), (255, 252, 235)),
    "dusk": ((44, 52, 104), (240, 146, 92), (255, 200, 120)),
    "overcast": ((120, 130, 142), (205, 208, 210), (235, 235, 230)),
}


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _gradient(size, top, bottom):
    height = size[1]
    column = Image.new("RGB", (1, height))
    column.putdata([_mix(top, bottom, y / max(1, height - 1)) for y in range(height)])
    return column.resize(size)


def _glow(size, center, radius, color):
    """A soft disc of light: the sun behind haze."""
    layer = Image.new("RGB", size, (0, 0, 0))
    draw = ImageDraw.Draw(layer)
    x, y = center
    for step in range(12, 0, -1):
        r = radius * step / 4
        fade = (13 - step) / 12
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_mix((0, 0, 0), color, fade**2.2))
    return layer.filter(ImageFilter.GaussianBlur(radius / 2))


def _ridge(rng, width, base, roughness):
    """A mountain line by midpoint displacement: heights for x = 0..width."""
    points = {0: base + rng.uniform(-roughness, roughness), width: base}
    span, spread = width, roughness
    while span > 8:
        for left in range(0, width, span):
            right = min(left + span, width)
            middle = (left + right) // 2
            points[middle] = (points[left] + points[right]) / 2 + rng.uniform(-spread, spread)
        span //= 2
        spread *= 0.55
    return sorted(points.items())


def _mountains(image, rng, horizon, sky_horizon, layers=4):
    width, height = image.size
    draw = ImageDraw.Draw(image)
    far = _mix(sky_horizon, (90, 110, 130), 0.35)
    near = (34, 58, 42) if rng.random() < 0.7 else (52, 48, 44)
    for layer in range(layers):
        t = layer / max(1, layers - 1)
        color = _mix(far, near, t)
        base = horizon - height * (0.18 - 0.05 * layer) + rng.uniform(-20, 20)
        line = _ridge(rng, width, base, height * (0.12 - 0.02 * layer))
        draw.polygon([(0, height), *line, (width, height)], fill=color)
    return image


def _water(image, rng, horizon, sky):
    """The lower part mirrors the sky, darker, streaked by small waves."""
    width, height = image.size
    reflection = image.crop((0, 0, width, horizon)).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    reflection = reflection.resize((width, height - horizon))
    reflection = Image.blend(reflection, Image.new("RGB", reflection.size, (16, 40, 62)), 0.45)
    draw = ImageDraw.Draw(reflection)
    for _ in range(900):
        y = int(rng.random() ** 1.7 * reflection.height)
        x = rng.randrange(width)
        length = 6 + y // 6
        shade = _mix(sky[1], (255, 255, 255), 0.3) if rng.random() < 0.4 else (10, 30, 48)
        draw.line((x, y, x + length, y), fill=shade, width=1 + y // 120)
    image.paste(reflection.filter(ImageFilter.GaussianBlur(1.2)), (0, horizon))
    return image


def _skyline(image, rng, horizon):
    """Towers with lit windows, nearer ones darker and taller."""
    width, height = image.size
    draw = ImageDraw.Draw(image)
    for depth, shade in ((0, (70, 78, 96)), (1, (40, 44, 58)), (2, (22, 24, 32))):
        x = -rng.randrange(40)
        while x < width:
            w = rng.randrange(40, 110) + depth * 20
            h = rng.randrange(60, 260) + depth * 60
            top = horizon - h + depth * 30
            draw.rectangle((x, top, x + w, height), fill=shade)
            if depth:
                for wy in range(top + 10, horizon + depth * 30, 14):
                    for wx in range(x + 6, x + w - 6, 12):
                        if rng.random() < 0.35:
                            draw.rectangle((wx, wy, wx + 5, wy + 7), fill=(250, 214, 140))
            x += w + rng.randrange(0, 12)
    return image


def _finish(image, rng):
    """Lens softness, film grain and a vignette: what makes a drawing look photographed."""
    width, height = image.size
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    grain = Image.effect_noise((width // 2, height // 2), 24).resize((width, height))
    grained = ImageChops.overlay(image, Image.merge("RGB", (grain, grain, grain)))
    image = Image.blend(image, grained, 0.25)
    vignette = Image.new("L", (width, height), 0)
    ImageDraw.Draw(vignette).ellipse(
        (-width * 0.25, -height * 0.35, width * 1.25, height * 1.35), fill=255
    )
    vignette = vignette.filter(ImageFilter.GaussianBlur(min(width, height) / 5))
    return Image.composite(image, _mix_image(image, 0.55), vignette)


def _mix_image(image, factor):
    return Image.eval(image, lambda value: round(value * factor))


def scene(seed, kind):
    """One picture: kind is "mountains", "coast", "city" or "fields"."""
    rng = random.Random(seed)
    sky_name = rng.choice(list(SKIES))
    zenith, horizon_color, sun = SKIES[sky_name]
    width, height = SIZE
    horizon = int(height * rng.uniform(0.52, 0.66))
    image = _gradient((width, horizon), zenith, horizon_color)
    sun_at = (rng.randrange(width // 5, width * 4 // 5), int(horizon * rng.uniform(0.45, 0.85)))
    image = ImageChops.screen(image, _glow(image.size, sun_at, height / 14, sun))
    canvas = Image.new("RGB", SIZE, horizon_color)
    canvas.paste(image, (0, 0))
    if kind == "coast":
        canvas = _water(canvas, rng, horizon, (zenith, horizon_color))
    elif kind == "city":
        canvas.paste(_gradient((width, height - horizon), (48, 52, 60), (24, 26, 30)), (0, horizon))
        canvas = _skyline(canvas, rng, horizon + 40)
    elif kind == "fields":
        canvas = _mountains(canvas, rng, horizon, horizon_color, layers=2)
        draw = ImageDraw.Draw(canvas)
        for row in range(14):
            top = horizon + (height - horizon) * (row / 14) ** 1.6
            green = _mix((120, 150, 60), (40, 96, 36), row / 14)
            draw.rectangle(
                (0, top, width, height), fill=_mix(green, (150, 130, 60), rng.random() / 4)
            )
    else:
        canvas = _mountains(canvas, rng, horizon + int(height * 0.3), horizon_color)
    return _finish(canvas, rng)


def photo_bytes(seed, kind):
    """The scene as a JPEG file's bytes."""
    buffer = io.BytesIO()
    scene(seed, kind).save(buffer, "JPEG", quality=88, optimize=True)
    return buffer.getvalue()
