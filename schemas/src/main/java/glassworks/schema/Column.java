package glassworks.schema;

import java.util.Objects;

/**
 * One documented column of a table, as declared in its schema file.
 *
 * @param name      column name (snake_case, as SQL sees it)
 * @param type      physical type
 * @param unit      physical unit in reduced Lennard-Jones units ("-" for labels, "1" for dimensionless numbers)
 * @param doc       what the value means
 * @param nullable  whether the value may be absent
 * @param partition whether the value lives in the directory name (Hive-style) rather than inside the Parquet files
 */
public record Column(String name, ColumnType type, String unit, String doc, boolean nullable, boolean partition) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(doc, "doc");
    }
}
