package glassworks.schema.tables;

import glassworks.schema.TableSchema;
import java.util.List;

/** Every table of the warehouse, generated from the schema files. */
public final class Tables {
    private Tables() {}

    /** All tables, in name order. */
    public static final List<TableSchema> ALL = List.of(FramesTable.SCHEMA, RdfTable.SCHEMA, RunsTable.SCHEMA, ThermoTable.SCHEMA);

    /** The table of that name; fails listing the valid names. */
    public static TableSchema byName(String name) {
        for (TableSchema t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown table '" + name + "'; tables: " + ALL.stream().map(TableSchema::name).toList());
    }
}
