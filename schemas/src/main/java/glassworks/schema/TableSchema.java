package glassworks.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A table as its schema file declares it. Instances are generated from {@code schemas/src/main/schemas/*.yaml} into the
 * {@code glassworks.schema.tables} classes; nothing else in the project spells a table's columns a second time.
 *
 * @param name             table name, also its directory under the warehouse root and its SQL view name
 * @param version          format version written into every Parquet footer of this table
 * @param doc              what one row is
 * @param columns          every column in file order, partition columns included
 * @param partitionColumns partition columns in directory nesting order
 * @param sortColumns      order of rows inside each file
 */
public record TableSchema(String name, int version, String doc, List<Column> columns, List<String> partitionColumns,
                          List<String> sortColumns) {

    /** Footer key holding the table name. */
    public static final String FOOTER_TABLE = "glassworks.table";
    /** Footer key holding the format version. */
    public static final String FOOTER_VERSION = "glassworks.format.version";

    public TableSchema {
        columns = List.copyOf(columns);
        partitionColumns = List.copyOf(partitionColumns);
        sortColumns = List.copyOf(sortColumns);
    }

    /** Columns stored inside the Parquet files (partition columns excluded), in file order. */
    public List<Column> dataColumns() {
        return columns.stream().filter(c -> !c.partition()).collect(Collectors.toUnmodifiableList());
    }

    /** Partition columns in directory nesting order. */
    public List<Column> partitions() {
        return partitionColumns.stream().map(this::column).collect(Collectors.toUnmodifiableList());
    }

    /** The column of that name; fails naming the table and its columns if there is none. */
    public Column column(String columnName) {
        for (Column c : columns) {
            if (c.name().equals(columnName)) {
                return c;
            }
        }
        throw new IllegalArgumentException("table " + name + " has no column '" + columnName + "'; columns: "
                + columns.stream().map(Column::name).collect(Collectors.joining(", ")));
    }

    /** Versions of this table this build reads (today: only the one it writes). */
    public List<Integer> supportedVersions() {
        return List.of(version);
    }

    /**
     * Checks a file's footer values; throws {@link FormatVersionException} naming found and supported versions.
     *
     * @param file           where the values were read, for the message
     * @param footerTable    value of {@link #FOOTER_TABLE}, or null if absent
     * @param footerVersion  value of {@link #FOOTER_VERSION}, or null if absent
     */
    public void checkFooter(String file, String footerTable, String footerVersion) {
        if (footerVersion == null) {
            throw new FormatVersionException(file + " has no " + FOOTER_VERSION + " in its Parquet footer, so it was not written by "
                    + "Glassworks (supported " + name + " format versions: " + supportedVersions() + "). Remove it from the warehouse or "
                    + "regenerate the table.");
        }
        if (footerTable != null && !footerTable.equals(name)) {
            throw new FormatVersionException(file + " belongs to table '" + footerTable + "', not '" + name
                    + "'. Move it back under its own table directory.");
        }
        int found;
        try {
            found = Integer.parseInt(footerVersion.trim());
        } catch (NumberFormatException e) {
            throw new FormatVersionException(file + " has an unreadable format version '" + footerVersion + "' (supported "
                    + name + " format versions: " + supportedVersions() + ").");
        }
        if (!supportedVersions().contains(found)) {
            throw new FormatVersionException(file + " has " + name + " format version " + found + "; this Glassworks reads "
                    + name + " format versions " + supportedVersions() + ". Use the Glassworks release that wrote it, or "
                    + "regenerate the table with this one.");
        }
    }
}
