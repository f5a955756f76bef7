package glassworks.spark;

import glassworks.md.io.RowFileWriter;
import glassworks.md.io.TableFiles;
import glassworks.schema.TableRow;
import glassworks.schema.TableSchema;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A job's changes to the warehouse, in two phases. Staging: every new file is written under {@code _staging/<job>} and
 * every existing file it merges with is read and checked, while the tables stay untouched (a failure here changes
 * nothing). Applying: {@code _SUCCESS} markers of the touched tables are removed, each replaced file or directory is
 * renamed aside into {@code _staging/<job>/replaced} before its successor is renamed in, then the markers are written
 * again. An interruption while applying therefore never loses data and never doubles rows: what was replaced waits in
 * staging, and the error names it.
 */
public final class Commit {
    private final Warehouse warehouse;
    private final String jobId;
    private final List<Swap> swaps = new ArrayList<>();
    private final Set<TableSchema> tables = new LinkedHashSet<>();
    private boolean applying;

    /** One replacement: the old paths (may be none) make way for a staged path (null: only remove). */
    private record Swap(List<Path> old, Path staged, Path target) {
    }

    public Commit(Warehouse warehouse, String jobId) {
        this.warehouse = warehouse;
        this.jobId = jobId;
    }

    /** Replaces a whole directory (a frames run partition) by a staged one. */
    public void replaceDirectory(TableSchema table, Path staged, Path target) {
        tables.add(table);
        swaps.add(new Swap(warehouse.exists(target) ? List.of(target) : List.of(), staged, target));
    }

    /** Removes a partition directory (derived data that no longer matches its inputs), if it exists. */
    public void removeDirectory(TableSchema table, Path target) {
        if (warehouse.exists(target)) {
            tables.add(table);
            swaps.add(new Swap(List.of(target), null, target));
        }
    }

    /**
     * Stages one partition of a small table as a single file: the rows already there that {@code keep} accepts, plus
     * {@code added}, sorted by {@code order}. Reading the existing files here (not while applying) means a corrupt file
     * stops the job before anything changes.
     */
    public <R extends TableRow> void mergePartition(TableSchema table, Path partitionDir, List<R> added, Predicate<R> keep,
                                                    Function<Object[], R> factory, Comparator<R> order) {
        try {
            List<Path> old = warehouse.dataFiles(partitionDir);
            List<R> rows = new ArrayList<>();
            for (Path f : old) {
                for (R r : TableFiles.readRows(table, f, Warehouse.conf(), factory)) {
                    if (keep.test(r)) {
                        rows.add(r);
                    }
                }
            }
            rows.addAll(added);
            rows.sort(order);
            String name = "part-" + jobId + ".parquet";
            Path staged = new Path(new Path(warehouse.staging(jobId), "merged/" + table.name() + "/" + swaps.size()), name);
            RowFileWriter.writeFile(table, staged, Warehouse.conf(), rows);
            tables.add(table);
            // (a checksummed local file system renames each file's .crc along with it)
            swaps.add(new Swap(old, staged, new Path(partitionDir, name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Applies every staged change; see the class comment for what an interruption leaves. */
    public void apply() {
        applying = true;
        Path aside = new Path(warehouse.staging(jobId), "replaced");
        try {
            for (TableSchema t : tables) {
                warehouse.clearSuccess(t);
            }
            int n = 0;
            for (Swap s : swaps) {
                for (Path p : s.old()) {
                    warehouse.rename(p, new Path(new Path(aside, Integer.toString(n++)), p.getName()));
                }
                if (s.staged() != null) {
                    warehouse.rename(s.staged(), s.target());
                }
            }
            for (TableSchema t : tables) {
                warehouse.markSuccess(t);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("commit of job " + jobId + " was interrupted (" + e.getMessage() + "); data it "
                    + "replaced is kept in " + aside + " and staged data in " + warehouse.staging(jobId)
                    + ": restore from there before re-running", e);
        }
        warehouse.dropStaging(jobId);
        applying = false;
    }

    /**
     * Cleans up after a failure: before applying, staging holds only new data and is removed (the tables are as they
     * were); while applying, staging holds replaced data and is kept.
     */
    public void abandon() {
        if (!applying) {
            warehouse.dropStaging(jobId);
        }
    }
}
