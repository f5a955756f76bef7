package glassworks.md.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

import java.io.IOException;

/** Builds Parquet writers the same way for every table: Snappy, dictionary on, 128 MiB row groups, overwrite. */
final class TableWriters {
    private TableWriters() {
    }

    static <T> ParquetWriter<T> open(Path path, Configuration conf, WriteSupport<T> support) throws IOException {
        return new Builder<>(HadoopOutputFile.fromPath(path, conf), support)
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE) // a retried Spark task rewrites its own staging file
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withDictionaryEncoding(true)
                .withRowGroupSize(128L * 1024 * 1024)
                .build();
    }

    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final WriteSupport<T> support;

        Builder(org.apache.parquet.io.OutputFile file, WriteSupport<T> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return support;
        }
    }
}
