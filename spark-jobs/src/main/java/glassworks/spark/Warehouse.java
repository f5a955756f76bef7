package glassworks.spark;

import glassworks.md.io.ParquetTables;
import glassworks.md.io.TableFiles;
import glassworks.schema.TableSchema;
import glassworks.schema.tables.Tables;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The warehouse: one directory per table under a root (local path or any Hadoop file system URI), Hive-style
 * partitions below it, a {@code _SUCCESS} marker per table, and {@code _staging/<job>} for work not yet committed.
 * Jobs write into staging and commit by renames, so a failed job leaves earlier data as it was.
 */
public final class Warehouse implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String STAGING = "_staging";
    private final String root;

    /** @param root warehouse root: a local path (made absolute) or a URI such as hdfs://nn/glass */
    public Warehouse(String root) {
        this.root = root.contains("://") || root.startsWith("file:") ? root
                : new java.io.File(root).getAbsoluteFile().toURI().toString();
    }

    public String root() {
        return root;
    }

    public Path rootPath() {
        return new Path(root);
    }

    public Path table(TableSchema table) {
        return new Path(rootPath(), table.name());
    }

    /** The directory of one partition, values in the table's partition order (a prefix is allowed). */
    public Path partition(TableSchema table, Object... values) {
        Path p = table(table);
        List<String> names = table.partitionColumns();
        if (values.length > names.size()) {
            throw new IllegalArgumentException(table.name() + " has partitions " + names + ", got " + values.length + " values");
        }
        for (int i = 0; i < values.length; i++) {
            p = new Path(p, ParquetTables.partitionDir(names.get(i), values[i]));
        }
        return p;
    }

    /**
     * The root as a local directory when the warehouse is on the local file system (file: URI), else null (HDFS, S3
     * ...): kernel checkpoints need a POSIX directory.
     */
    public java.nio.file.Path localRoot() {
        java.net.URI uri = rootPath().toUri();
        return "file".equals(uri.getScheme()) ? java.nio.file.Path.of(uri) : null;
    }

    public Path staging(String jobId) {
        return new Path(new Path(rootPath(), STAGING), jobId);
    }

    public FileSystem fs() {
        try {
            return rootPath().getFileSystem(conf());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the warehouse file system at " + root, e);
        }
    }

    static Configuration conf() {
        return new Configuration();
    }

    public boolean exists(Path p) {
        try {
            return fs().exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parquet data files of a table (hidden, underscore and staging entries skipped), sorted by path. */
    public List<Path> dataFiles(TableSchema table) {
        return dataFiles(table(table));
    }

    List<Path> dataFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        try {
            if (!fs().exists(dir)) {
                return files;
            }
            RemoteIterator<LocatedFileStatus> it = fs().listFiles(dir, true);
            while (it.hasNext()) {
                Path p = it.next().getPath();
                if (p.getName().endsWith(".parquet") && !hiddenBelow(dir, p)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        files.sort(Comparator.comparing(Path::toString));
        return files;
    }

    private static boolean hiddenBelow(Path dir, Path p) {
        for (Path q = p; q != null && !q.equals(dir) && q.getParent() != null; q = q.getParent()) {
            String n = q.getName();
            if (n.startsWith(".") || n.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    /** Values of the child partition directories {@code name=value} directly below {@code dir}, sorted. */
    public List<String> childPartitionValues(Path dir, String name) {
        List<String> values = new ArrayList<>();
        try {
            if (!fs().exists(dir)) {
                return values;
            }
            for (FileStatus s : fs().listStatus(dir)) {
                String n = s.getPath().getName();
                if (s.isDirectory() && n.startsWith(name + "=")) {
                    values.add(n.substring(name.length() + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        values.sort(null);
        return values;
    }

    /** Checks every file's format version; returns the table's row count from the footers. */
    public long checkTable(TableSchema table) {
        long rows = 0;
        for (Path f : dataFiles(table)) {
            try {
                rows += TableFiles.checkFooter(table, f, conf());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rows;
    }

    /**
     * Registers every table as a temporary SQL view named like the table (an empty view where the table has no data yet),
     * after checking every file's format version. Safe to call any number of times.
     */
    public void registerViews(SparkSession spark) {
        for (TableSchema t : Tables.ALL) {
            view(spark, t).createOrReplaceTempView(t.name());
        }
        // SQL has no built-in for MLlib vectors: vector_to_array(features)[k] reads feature k in ad hoc queries
        if (spark.catalog().functionExists("vector_to_array")) {
            return;
        }
        spark.udf().register("vector_to_array",
                (org.apache.spark.sql.api.java.UDF1<org.apache.spark.ml.linalg.Vector, double[]>)
                        v -> v == null ? null : v.toArray(),
                org.apache.spark.sql.types.DataTypes.createArrayType(org.apache.spark.sql.types.DataTypes.DoubleType, false));
    }

    /** The table as a DataFrame with its declared schema (partition columns typed as declared). */
    public Dataset<Row> view(SparkSession spark, TableSchema t) {
        if (dataFiles(t).isEmpty()) {
            return spark.createDataFrame(new ArrayList<Row>(), SparkSchemas.of(t));
        }
        checkTable(t);
        String path = table(t).toString();
        return spark.read().schema(SparkSchemas.of(t)).option("basePath", path).parquet(path);
    }

    /** Renames, failing with both paths when the file system refuses. */
    void rename(Path from, Path to) throws IOException {
        fs().mkdirs(to.getParent());
        if (!fs().rename(from, to)) {
            throw new IOException("rename " + from + " -> " + to + " failed");
        }
    }

    /** Marks a table complete (Spark and Hadoop tools look for {@code _SUCCESS}). */
    public void markSuccess(TableSchema table) {
        try {
            fs().create(new Path(table(table), "_SUCCESS"), true).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a table's {@code _SUCCESS} marker while a commit is changing it. */
    void clearSuccess(TableSchema table) throws IOException {
        fs().delete(new Path(table(table), "_SUCCESS"), false);
    }

    /** Removes a job's staging directory. */
    public void dropStaging(String jobId) {
        try {
            FileSystem fs = fs();
            fs.delete(staging(jobId), true);
            Path parent = new Path(rootPath(), STAGING);
            if (fs.exists(parent) && fs.listStatus(parent).length == 0) {
                fs.delete(parent, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Partition values per level of a table, e.g. {model=[ka3d], T=[0.45, 1]} (union over the tree). */
    public TreeMap<String, List<String>> partitionValues(TableSchema table) {
        TreeMap<String, List<String>> out = new TreeMap<>(Comparator.comparingInt(table.partitionColumns()::indexOf));
        for (Path f : dataFiles(table)) {
            for (Path q = f.getParent(); q != null && !q.equals(table(table)); q = q.getParent()) {
                String n = q.getName();
                int eq = n.indexOf('=');
                if (eq > 0) {
                    List<String> vs = out.computeIfAbsent(n.substring(0, eq), k -> new ArrayList<>());
                    String v = n.substring(eq + 1);
                    if (!vs.contains(v)) {
                        vs.add(v);
                    }
                }
            }
        }
        out.values().forEach(v -> v.sort(null));
        return out;
    }
}
