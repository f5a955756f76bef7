package glassworks.cli;

import glassworks.schema.Column;
import glassworks.schema.TableSchema;
import glassworks.schema.tables.Tables;
import glassworks.spark.Warehouse;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Reads only directory listings and Parquet footers, so it answers in a second and needs no Spark. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "List the warehouse's tables: files, row counts, partitions, format versions; --columns adds the schema.")
final class DescribeCommand implements Runnable {
    @ParentCommand
    Main main;

    @Option(names = "--columns", description = "Also print every column with its type, unit and meaning.")
    boolean columns;

    @Override
    public void run() {
        describe(GlobalOptions.warehouse(main), columns, main.out);
    }

    static void describe(Warehouse w, boolean columns, PrintStream out) {
        out.println("warehouse " + w.root());
        for (TableSchema t : Tables.ALL) {
            List<Path> files = w.dataFiles(t);
            long rows = w.checkTable(t); // also checks every file's format version
            boolean success = w.exists(new Path(w.table(t), "_SUCCESS"));
            out.printf("%-8s format v%d  %d file(s)  %d row(s)%s%n", t.name(), t.version(), files.size(), rows,
                    files.isEmpty() ? "  (empty)" : success ? "" : "  (no _SUCCESS marker: a job did not finish)");
            for (Map.Entry<String, List<String>> e : w.partitionValues(t).entrySet()) {
                List<String> v = e.getValue();
                String shown = v.size() <= 12 ? String.join(", ", v) : String.join(", ", v.subList(0, 12)) + ", ...";
                out.printf("         %s: %d value(s): %s%n", e.getKey(), v.size(), shown);
            }
            if (columns) {
                for (Column c : t.columns()) {
                    out.printf("         %-20s %-7s %-18s %s%s%n", c.name(), c.type().fileName() + (c.nullable() ? "?" : ""),
                            "[" + c.unit() + "]", c.partition() ? "(partition) " : "", c.doc());
                }
            }
        }
    }
}
