package glassworks.cli;

import glassworks.spark.Sessions;
import glassworks.spark.Warehouse;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;

/** The parent command's options as every subcommand sees them, and the one place a SparkSession is started. */
final class GlobalOptions {
    private GlobalOptions() {
    }

    static Warehouse warehouse(Main main) {
        return new Warehouse(main.warehouse);
    }

    /** Validates, starts Spark, executes, stops Spark. */
    static void runWithSpark(Main main, String app, SparkCommand command, PrintStream out) {
        Warehouse w = warehouse(main);
        BadInputException.check(() -> command.validate(w));
        SparkSession spark = Sessions.start(main.master, "glassworks " + app, main.conf);
        try {
            command.execute(spark, w, out);
        } finally {
            spark.stop();
        }
    }
}
