package glassworks.cli;

import glassworks.spark.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run a Spark SQL query over the warehouse; every table is a view (runs, frames, thermo, rdf).")
final class SqlCommand implements Runnable, SparkCommand {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The query, e.g. \"SELECT T, avg(pressure) FROM thermo GROUP BY T\".")
    String query;
    @Option(names = "--limit", defaultValue = "50", description = "Rows to print (default: ${DEFAULT-VALUE}).")
    int limit;
    @Option(names = "--csv", description = "Print CSV (header + rows) instead of a table.")
    boolean csv;

    @Override
    public void validateOptions() {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("empty query; e.g. glassworks sql \"SELECT * FROM runs\"");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
        }
    }

    @Override
    public void validate(Warehouse warehouse) {
        validateOptions();
    }

    @Override
    public void execute(SparkSession spark, Warehouse warehouse, PrintStream out) {
        warehouse.registerViews(spark);
        Dataset<Row> result;
        try {
            result = spark.sql(query);
        } catch (Exception e) { // AnalysisException and ParseException are Scala (unchecked) exceptions
            if (e instanceof RuntimeException && !e.getClass().getSimpleName().contains("Parse")) {
                throw (RuntimeException) e;
            }
            throw new BadInputException("query refused: " + e.getMessage().split("\n")[0] + " (views: " + Main.tableList() + ")", e);
        }
        List<Row> rows = result.limit(limit).collectAsList();
        String[] cols = result.columns();
        if (csv) {
            out.println(String.join(",", cols));
            for (Row r : rows) {
                String[] cells = cells(r);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].contains(",") || cells[i].contains("\"") ? '"' + cells[i].replace("\"", "\"\"") + '"' : cells[i];
                }
                out.println(String.join(",", cells));
            }
            return;
        }
        int[] width = new int[cols.length];
        for (int i = 0; i < cols.length; i++) {
            width[i] = cols[i].length();
        }
        List<String[]> table = new java.util.ArrayList<>();
        for (Row r : rows) {
            String[] cells = cells(r);
            for (int i = 0; i < cells.length; i++) {
                width[i] = Math.max(width[i], cells[i].length());
            }
            table.add(cells);
        }
        out.println(line(cols, width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < cols.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (String[] cells : table) {
            out.println(line(cells, width));
        }
        out.println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + (rows.size() == limit ? ", --limit reached" : "") + ")");
    }

    private static String[] cells(Row r) {
        String[] c = new String[r.length()];
        for (int i = 0; i < c.length; i++) {
            c[i] = r.isNullAt(i) ? "null" : String.valueOf(r.get(i));
        }
        return c;
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            b.append(i == 0 ? "" : " | ").append(String.format("%-" + width[i] + "s", cells[i]));
        }
        return b.toString().stripTrailing();
    }

    @Override
    public void run() {
        GlobalOptions.runWithSpark(main, "sql", this, main.out);
    }
}
