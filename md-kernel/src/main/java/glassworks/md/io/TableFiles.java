package glassworks.md.io;

import glassworks.schema.Column;
import glassworks.schema.FormatVersionException;
import glassworks.schema.TableSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads table files without Spark: footers (the format-version check) and small tables as rows. */
public final class TableFiles {
    private TableFiles() {
    }

    /**
     * Checks the file's footer against the table's supported format versions and returns its row count. Throws
     * {@link FormatVersionException} naming found and supported versions, or an IOException naming a corrupt file.
     */
    public static long checkFooter(TableSchema table, Path file, Configuration conf) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            Map<String, String> kv = reader.getFooter().getFileMetaData().getKeyValueMetaData();
            table.checkFooter(file.toString(), kv.get(TableSchema.FOOTER_TABLE), kv.get(TableSchema.FOOTER_VERSION));
            return reader.getRecordCount();
        } catch (FormatVersionException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            throw new IOException(file + " is not a readable Parquet file (" + e.getMessage()
                    + "); it may be truncated or corrupt. Delete it and regenerate its partition.", e);
        }
    }

    /** Reads every row of a (small) table file as generated row records, after the footer check. */
    public static <R> List<R> readRows(TableSchema table, Path file, Configuration conf, Function<Object[], R> factory)
            throws IOException {
        List<R> rows = new ArrayList<>();
        forEachRow(table, file, conf, factory, rows::add);
        return rows;
    }

    /**
     * Streams every row of a table file, after the footer check, to {@code consumer} (memory: one row group, whatever
     * the file's size).
     */
    public static <R> long forEachRow(TableSchema table, Path file, Configuration conf, Function<Object[], R> factory,
                                      RowConsumer<R> consumer) throws IOException {
        checkFooter(table, file, conf);
        List<Column> cols = table.dataColumns();
        long count = 0;
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(conf).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                Object[] v = new Object[cols.size()];
                for (int k = 0; k < cols.size(); k++) {
                    Column c = cols.get(k);
                    if (g.getFieldRepetitionCount(c.name()) == 0) {
                        continue;
                    }
                    switch (c.type()) {
                        case STRING: v[k] = g.getString(c.name(), 0); break;
                        case INT32: v[k] = g.getInteger(c.name(), 0); break;
                        case INT64: v[k] = g.getLong(c.name(), 0); break;
                        case DOUBLE: v[k] = g.getDouble(c.name(), 0); break;
                        case BOOLEAN: v[k] = g.getBoolean(c.name(), 0); break;
                        case VECTOR: v[k] = denseVector(g.getGroup(c.name(), 0), file); break;
                        default: throw new IllegalStateException(c.type().toString());
                    }
                }
                consumer.accept(factory.apply(v));
                count++;
            }
        }
        return count;
    }

    /** The values of a vector group ({@link ParquetTables#vectorType}); sparse vectors are expanded. */
    private static double[] denseVector(Group vector, Path file) {
        int type = vector.getInteger("type", 0);
        Group values = vector.getGroup("values", 0);
        int m = values.getFieldRepetitionCount("list");
        double[] dense;
        if (type == ParquetTables.DENSE_VECTOR) {
            dense = new double[m];
            for (int i = 0; i < m; i++) {
                dense[i] = values.getGroup("list", i).getDouble("element", 0);
            }
        } else {
            if (vector.getFieldRepetitionCount("size") == 0) {
                throw new IllegalArgumentException(file + ": a sparse vector without its size");
            }
            dense = new double[vector.getInteger("size", 0)];
            Group indices = vector.getGroup("indices", 0);
            for (int i = 0; i < m; i++) {
                dense[indices.getGroup("list", i).getInteger("element", 0)] = values.getGroup("list", i).getDouble("element", 0);
            }
        }
        return dense;
    }

    /** Receives streamed rows; may throw IOException (e.g. when writing them on). */
    @FunctionalInterface
    public interface RowConsumer<R> {
        void accept(R row) throws IOException;
    }
}
