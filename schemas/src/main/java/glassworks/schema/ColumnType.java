package glassworks.schema;

/** Physical column types a schema file may use; each maps to one Parquet primitive and one Spark SQL type. */
public enum ColumnType {
    STRING("string", String.class, String.class),
    INT32("int32", int.class, Integer.class),
    INT64("int64", long.class, Long.class),
    DOUBLE("double", double.class, Double.class),
    BOOLEAN("boolean", boolean.class, Boolean.class),
    /**
     * A dense feature vector: Java {@code double[]}; in Parquet the layout Spark gives MLlib's VectorUDT (a group of
     * type, size, indices, values), so Spark reads the column as {@code org.apache.spark.ml.linalg.Vector} that MLlib
     * estimators take directly.
     */
    VECTOR("vector", double[].class, double[].class);

    private final String fileName;
    private final Class<?> primitive;
    private final Class<?> boxed;

    ColumnType(String fileName, Class<?> primitive, Class<?> boxed) {
        this.fileName = fileName;
        this.primitive = primitive;
        this.boxed = boxed;
    }

    /** The spelling used in schema files. */
    public String fileName() {
        return fileName;
    }

    /** Java type of a required value. */
    public Class<?> primitive() {
        return primitive;
    }

    /** Java type of a nullable value. */
    public Class<?> boxed() {
        return boxed;
    }

    public static ColumnType fromFileName(String name) {
        for (ColumnType t : values()) {
            if (t.fileName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown column type '" + name + "'; valid: string, int32, int64, double, boolean, vector");
    }
}
