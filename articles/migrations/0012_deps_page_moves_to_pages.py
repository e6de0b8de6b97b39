"""Standing pages move to their own app (pages 0001): gone from this app's state, the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_merge_20261129_0405"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="historicalpage", name="history_user"),
                migrations.DeleteModel(name="Page"),
                migrations.DeleteModel(name="HistoricalPage"),
            ],
            database_operations=[],
        )
    ]
