"""Standing pages, moved from the articles app (articles 0012) with their tables and rows.

The tables keep their names (articles_page, articles_historicalpage): this migration only takes
the models into this app's state. The content types follow, so permissions (and the role groups
holding them) and the admin's change history stay attached.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MODELS = ["page", "historicalpage"]


def move_content_types(apps, from_app, to_app):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=to_app, model=model).exists():
            ContentType.objects.filter(app_label=from_app, model=model).update(app_label=to_app)


def forwards(apps, schema_editor):
    move_content_types(apps, "articles", "pages")


def backwards(apps, schema_editor):
    move_content_types(apps, "pages", "articles")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("articles", "0012_deps_page_moves_to_pages"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalPage',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('title_en', models.CharField(blank=True, help_text='Shown on the English site (under /en/). Empty: the title above.', max_length=200, verbose_name='English title')),
                        ('slug', models.SlugField(help_text='The address: /<slug>/.', max_length=100, verbose_name='slug')),
                        ('body', models.TextField(blank=True, help_text='Unsafe markup (scripts, styles, event handlers) is removed on save.', verbose_name='body')),
                        ('is_published', models.BooleanField(default=True, help_text='Unpublished pages are seen only by editors, marked as a preview.', verbose_name='published')),
                        ('in_footer', models.BooleanField(default=True, help_text="Show a link in every page's footer.", verbose_name='linked from the footer')),
                        ('footer_order', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first.', verbose_name='footer position')),
                        ('is_privacy_policy', models.BooleanField(default=False, help_text='The comment form links to this page. Only one page can be it.', verbose_name='privacy policy')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical page',
                        'verbose_name_plural': 'historical pages',
                        'db_table': 'articles_historicalpage',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Page',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('title_en', models.CharField(blank=True, help_text='Shown on the English site (under /en/). Empty: the title above.', max_length=200, verbose_name='English title')),
                        ('slug', models.SlugField(help_text='The address: /<slug>/.', max_length=100, unique=True, verbose_name='slug')),
                        ('body', models.TextField(blank=True, help_text='Unsafe markup (scripts, styles, event handlers) is removed on save.', verbose_name='body')),
                        ('is_published', models.BooleanField(default=True, help_text='Unpublished pages are seen only by editors, marked as a preview.', verbose_name='published')),
                        ('in_footer', models.BooleanField(default=True, help_text="Show a link in every page's footer.", verbose_name='linked from the footer')),
                        ('footer_order', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first.', verbose_name='footer position')),
                        ('is_privacy_policy', models.BooleanField(default=False, help_text='The comment form links to this page. Only one page can be it.', verbose_name='privacy policy')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ],
                    options={
                        'verbose_name': 'page',
                        'verbose_name_plural': 'pages',
                        'db_table': 'articles_page',
                        'ordering': ['footer_order', 'title'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('is_privacy_policy', True)), fields=('is_privacy_policy',), name='page_one_privacy_policy', violation_error_message='Another page is already the privacy policy.')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
