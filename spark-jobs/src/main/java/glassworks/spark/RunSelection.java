package glassworks.spark;

import glassworks.md.Models;
import glassworks.md.PairModel;
import glassworks.md.io.ParquetTables;
import glassworks.md.io.TableFiles;
import glassworks.schema.TableSchema;
import glassworks.schema.tables.FramesTable;
import glassworks.schema.tables.RunsTable;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * The stored runs a per-frame job works on (inherent, descriptors): one model, the requested temperatures (default:
 * every stored one) and run ids (default: every run there), found from the frames table's partition directories without
 * Spark, and checked before Spark starts: requested temperatures and runs must exist (or be simulated by an earlier
 * campaign stage), the selection must not be empty, and existing output needs overwrite.
 *
 * @param warehouse    the warehouse
 * @param model        model name (frames partition)
 * @param temperatures requested temperatures, empty for all
 * @param runs         requested run ids, empty for all
 * @param what         what the job makes, for messages (e.g. "inherent structures")
 */
record RunSelection(Warehouse warehouse, String model, List<Double> temperatures, List<String> runs, String what) {

    /** Temperatures to process: the requested ones, or every T stored in frames for the model. */
    List<Double> effectiveTemperatures() {
        return temperatures.isEmpty() ? storedTemperatures() : temperatures;
    }

    /** Temperatures with frames of the model, ascending. */
    List<Double> storedTemperatures() {
        List<Double> ts = new ArrayList<>();
        for (String v : warehouse.childPartitionValues(warehouse.partition(FramesTable.SCHEMA, model), FramesTable.T)) {
            ts.add(Double.parseDouble(v));
        }
        ts.sort(null);
        return ts;
    }

    /** Stored runs per temperature (frames partitions), before the run filter. */
    Map<Double, Set<String>> storedRuns(Collection<Double> ts) {
        Map<Double, Set<String>> out = new TreeMap<>();
        for (double t : ts) {
            out.put(t, new TreeSet<>(warehouse.childPartitionValues(warehouse.partition(FramesTable.SCHEMA, model, t),
                    FramesTable.RUN)));
        }
        return out;
    }

    /** The runs to process per temperature, checked. */
    Map<Double, List<String>> selection(OutputCheck existing, boolean overwrite) {
        return select(storedRuns(effectiveTemperatures()), existing, overwrite, false);
    }

    /** Says whether the job's output for (T, run) exists already. */
    @FunctionalInterface
    interface OutputCheck extends BiPredicate<Double, String> {
    }

    /**
     * Applies the run filter to the available runs per temperature and checks the result: requested runs must exist,
     * the selection must not be empty, and existing output (per {@code existing}) needs overwrite.
     */
    Map<Double, List<String>> select(Map<Double, Set<String>> available, OutputCheck existing, boolean overwrite,
                                     boolean campaign) {
        Map<Double, List<String>> out = new TreeMap<>();
        Set<String> all = new TreeSet<>();
        available.values().forEach(all::addAll);
        List<String> missing = new ArrayList<>();
        for (String r : runs) {
            if (!all.contains(r)) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("run(s) " + missing + " have no frames of model " + model
                    + (temperatures.isEmpty() ? "" : " at T=" + temperatures) + " in " + warehouse.root()
                    + "; stored runs: " + (all.isEmpty() ? "none" : String.join(", ", all)));
        }
        for (Map.Entry<Double, Set<String>> e : available.entrySet()) {
            List<String> ids = new ArrayList<>();
            for (String r : e.getValue()) {
                if (runs.isEmpty() || runs.contains(r)) {
                    ids.add(r);
                }
            }
            if (!ids.isEmpty()) {
                out.put(e.getKey(), ids);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no frames of model " + model + " for " + what + " in " + warehouse.root()
                    + "; run `glassworks simulate` first");
        }
        if (!overwrite && existing != null) {
            List<String> found = new ArrayList<>();
            for (Map.Entry<Double, List<String>> e : out.entrySet()) {
                for (String r : e.getValue()) {
                    if (existing.test(e.getKey(), r)) {
                        found.add(r);
                    }
                }
            }
            if (!found.isEmpty()) {
                throw new IllegalArgumentException(what + " of " + found.size() + " run(s) exist already in "
                        + warehouse.root() + " (e.g. " + found.get(0) + "); "
                        + (campaign ? "add overwrite: true to the stage" : "pass --overwrite") + " to recompute them");
            }
        }
        return out;
    }

    /** Requested temperatures must be stored; some frames of the model must exist. Returns the checked selection. */
    Map<Double, List<String>> validate(OutputCheck existing, boolean overwrite) {
        List<Double> stored = storedTemperatures();
        if (stored.isEmpty()) {
            throw new IllegalArgumentException("no frames of model " + model + " in " + warehouse.root()
                    + "; run `glassworks simulate` first");
        }
        for (double t : temperatures) {
            if (!stored.contains(t)) {
                throw new IllegalArgumentException("no frames of model " + model + " at T="
                        + ParquetTables.partitionValue(t) + " in " + warehouse.root() + "; stored temperatures: "
                        + String.join(", ", stored.stream().map(ParquetTables::partitionValue).toList()));
            }
        }
        return selection(existing, overwrite);
    }

    /**
     * The check for a campaign whose earlier stages simulate {@code planned} runs (temperature to run ids) of this
     * model: their frames do not exist yet but will.
     */
    void validatePlanned(Map<Double, ? extends Collection<String>> planned, OutputCheck existing, boolean overwrite) {
        Set<Double> ts = new TreeSet<>(storedTemperatures());
        ts.addAll(planned.keySet());
        if (!temperatures.isEmpty()) {
            for (double t : temperatures) {
                if (!ts.contains(t)) {
                    throw new IllegalArgumentException("no frames of model " + model + " at T="
                            + ParquetTables.partitionValue(t) + " in " + warehouse.root()
                            + " and no earlier stage simulates it; simulated or stored temperatures: "
                            + String.join(", ", ts.stream().map(ParquetTables::partitionValue).toList()));
                }
            }
            ts = new TreeSet<>(temperatures);
        }
        Map<Double, Set<String>> available = storedRuns(ts);
        planned.forEach((t, ids) -> {
            if (available.containsKey(t)) {
                available.get(t).addAll(ids);
            }
        });
        select(available, existing, overwrite, true);
    }

    /** The runs-table rows of the selected runs (absent for a run without one). */
    Map<String, RunsTable.Row> runRows(Map<Double, List<String>> selection) {
        Map<String, RunsTable.Row> out = new HashMap<>();
        for (Map.Entry<Double, List<String>> e : selection.entrySet()) {
            for (Path f : warehouse.dataFiles(warehouse.partition(RunsTable.SCHEMA, model, e.getKey()))) {
                try {
                    for (RunsTable.Row r : TableFiles.readRows(RunsTable.SCHEMA, f, Warehouse.conf(), RunsTable.Row::of)) {
                        if (e.getValue().contains(r.runId())) {
                            out.put(r.runId(), r);
                        }
                    }
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex.getMessage(), ex);
                }
            }
        }
        return out;
    }

    /**
     * Each selected run's model as the runs table stores it (runs.model_spec), so a model declared in a campaign file is
     * used with its own physics; the preset of that name where the runs table has no row for the run.
     */
    Map<String, PairModel> models(Map<Double, List<String>> selection) {
        return models(selection, runRows(selection));
    }

    /** {@link #models(Map)} from runs rows already read ({@link #runRows}), so the runs files are read once. */
    Map<String, PairModel> models(Map<Double, List<String>> selection, Map<String, RunsTable.Row> rows) {
        Map<String, PairModel> out = new HashMap<>();
        for (List<String> ids : selection.values()) {
            for (String run : ids) {
                RunsTable.Row r = rows.get(run);
                if (r != null) {
                    out.put(run, ModelSpecs.fromSpec(model, r.modelSpec()));
                    continue;
                }
                try {
                    out.put(run, Models.byName(model));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("run " + run + " has frames but no row in the runs table, and "
                            + model + " is no preset, so its model is unknown; re-simulate the run", ex);
                }
            }
        }
        return out;
    }

    /** Whether a partition of {@code table} exists for (model, T, run). */
    OutputCheck partitionExists(TableSchema table) {
        return (t, run) -> warehouse.exists(warehouse.partition(table, model, t, run));
    }
}
