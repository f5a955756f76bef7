package glassworks.spark;

import glassworks.md.io.ParquetTables;
import glassworks.schema.tables.DescriptorsTable;

import java.util.ArrayList;
import java.util.List;

/** Which temperatures of a model hold a descriptor set: the check every job that reads descriptors makes first. */
final class DescriptorSelection {
    private DescriptorSelection() {
    }

    /**
     * The requested temperatures (each must hold the set), or every temperature of the model that does, ascending;
     * refuses with the command that makes the set when none does.
     */
    static List<Double> temperatures(Warehouse warehouse, String model, String set, List<Double> requested) {
        List<Double> ts = new ArrayList<>();
        if (requested.isEmpty()) {
            for (String v : warehouse.childPartitionValues(warehouse.partition(DescriptorsTable.SCHEMA, model),
                    DescriptorsTable.T)) {
                if (warehouse.exists(warehouse.partition(DescriptorsTable.SCHEMA, model, Double.parseDouble(v), set))) {
                    ts.add(Double.parseDouble(v));
                }
            }
            if (ts.isEmpty()) {
                throw new IllegalArgumentException("no descriptors '" + set + "' of model " + model + " in "
                        + warehouse.root() + "; run `glassworks descriptors --family " + set + "` first (or name the "
                        + "set with --descriptor)");
            }
        } else {
            for (double t : requested) {
                if (!warehouse.exists(warehouse.partition(DescriptorsTable.SCHEMA, model, t, set))) {
                    throw new IllegalArgumentException("no descriptors '" + set + "' of model " + model + " at T = "
                            + ParquetTables.partitionValue(t) + "; run `glassworks descriptors` there first, or drop "
                            + "that temperature");
                }
                ts.add(t);
            }
        }
        ts.sort(null);
        return ts;
    }
}
