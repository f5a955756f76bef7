package glassworks.spark;

import glassworks.schema.Column;
import glassworks.schema.TableSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Spark SQL schemas derived from the schema files; units and docs travel as column metadata and comments. */
public final class SparkSchemas {
    private SparkSchemas() {
    }

    /** Every column of the table, partition columns included, in schema-file order. */
    public static StructType of(TableSchema table) {
        StructField[] fields = table.columns().stream().map(SparkSchemas::field).toArray(StructField[]::new);
        return new StructType(fields);
    }

    private static StructField field(Column c) {
        Metadata md = new MetadataBuilder().putString("comment", c.doc() + " [" + c.unit() + "]")
                .putString("unit", c.unit()).build();
        return new StructField(c.name(), type(c), c.nullable() || c.partition(), md);
    }

    static DataType type(Column c) {
        switch (c.type()) {
            case STRING: return DataTypes.StringType;
            case INT32: return DataTypes.IntegerType;
            case INT64: return DataTypes.LongType;
            case DOUBLE: return DataTypes.DoubleType;
            case BOOLEAN: return DataTypes.BooleanType;
            case VECTOR: return org.apache.spark.ml.linalg.SQLDataTypes.VectorType();
            default: throw new IllegalStateException(c.type().toString());
        }
    }
}
