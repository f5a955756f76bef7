package glassworks.spark;

import glassworks.md.io.RowFileWriter;
import glassworks.schema.tables.DescriptorsTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A vector column written by the kernel's Parquet writer (no Spark) reads back in Spark as an MLlib Vector that an
 * estimator takes as it is: the descriptors table needs no user-side conversion.
 */
@ExtendWith(SparkExtension.class)
class VectorColumnTest {

    @Test
    void kernelWrittenVectorsAreMllibVectors(SparkSession spark) throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("glassworks-vec");
        Warehouse warehouse = new Warehouse(dir.resolve("warehouse").toString());
        List<DescriptorsTable.Row> rows = new ArrayList<>();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            // points along the direction (1, 2, 0) with small noise: PC1 must be that direction
            double t = rng.nextGaussian();
            rows.add(new DescriptorsTable.Row("run-a", 0, i, i % 2, "thermal", "test", "0123456789abcdef",
                    new double[]{t + 0.01 * rng.nextGaussian(), 2 * t + 0.01 * rng.nextGaussian(), 0.01 * rng.nextGaussian()}));
        }
        Path part = new Path(warehouse.partition(DescriptorsTable.SCHEMA, "ka3d", 0.45, "test"), "part-0.parquet");
        RowFileWriter.writeFile(DescriptorsTable.SCHEMA, part, Warehouse.conf(), rows);
        warehouse.markSuccess(DescriptorsTable.SCHEMA);
        warehouse.registerViews(spark);

        Dataset<Row> d = spark.sql("SELECT particle, features FROM descriptors WHERE descriptor = 'test' ORDER BY particle");
        assertEquals("vector", d.schema().apply("features").dataType().typeName());
        Row first = d.first();
        assertArrayEquals(rows.get(0).features(), ((Vector) first.get(1)).toArray(), 0.0);
        PCAModel pca = new PCA().setInputCol("features").setOutputCol("pc").setK(1).fit(d);
        double[] pc1 = pca.pc().toArray();
        double norm = Math.sqrt(5);
        assertEquals(1 / norm, Math.abs(pc1[0]), 1e-3);
        assertEquals(2 / norm, Math.abs(pc1[1]), 1e-3);
        assertEquals(200L, spark.sql("SELECT count(*) FROM descriptors").first().getLong(0));
    }
}
