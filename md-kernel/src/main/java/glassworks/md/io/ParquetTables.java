package glassworks.md.io;

import glassworks.schema.Column;
import glassworks.schema.TableSchema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parquet views of the schema files: message types, footers, Hive-style partition directory names. */
public final class ParquetTables {
    private ParquetTables() {
    }

    /** The Parquet message type of a table's data columns (partition columns live in directory names). */
    public static MessageType messageType(TableSchema table) {
        List<Type> fields = new ArrayList<>();
        for (Column c : table.dataColumns()) {
            if (c.type() == glassworks.schema.ColumnType.VECTOR) {
                fields.add(vectorType(c.name(), c.nullable()));
                continue;
            }
            Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> b = c.nullable()
                    ? Types.optional(primitive(c)) : Types.required(primitive(c));
            if (c.type() == glassworks.schema.ColumnType.STRING) {
                b = b.as(LogicalTypeAnnotation.stringType());
            }
            fields.add(b.named(c.name()));
        }
        return new MessageType("glassworks_" + table.name(), fields);
    }

    /**
     * The Parquet layout Spark writes for MLlib's VectorUDT (its sqlType struct: type tinyint, size int, indices
     * array&lt;int&gt;, values array&lt;double&gt;, lists in the standard three-level form), so that Spark reads a
     * vector column written here, without Spark, back as a {@code Vector}. Glassworks writes dense vectors: type 1,
     * values only.
     */
    static Type vectorType(String name, boolean nullable) {
        Types.GroupBuilder<org.apache.parquet.schema.GroupType> g = nullable ? Types.optionalGroup() : Types.requiredGroup();
        return g.required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(8, true)).named("type")
                .optional(PrimitiveTypeName.INT32).named("size")
                .optionalList().requiredElement(PrimitiveTypeName.INT32).named("indices")
                .optionalList().requiredElement(PrimitiveTypeName.DOUBLE).named("values")
                .named(name);
    }

    /** Dense vector type code of VectorUDT. */
    static final int DENSE_VECTOR = 1;

    /** Footer key/values every file of the table carries. */
    public static Map<String, String> footer(TableSchema table) {
        return Map.of(TableSchema.FOOTER_TABLE, table.name(), TableSchema.FOOTER_VERSION, Integer.toString(table.version()));
    }

    static PrimitiveTypeName primitive(Column c) {
        switch (c.type()) {
            case STRING: return PrimitiveTypeName.BINARY;
            case INT32: return PrimitiveTypeName.INT32;
            case INT64: return PrimitiveTypeName.INT64;
            case DOUBLE: return PrimitiveTypeName.DOUBLE;
            case BOOLEAN: return PrimitiveTypeName.BOOLEAN;
            default: throw new IllegalStateException(c.type().toString());
        }
    }

    /**
     * Directory name of a partition value, {@code name=value}. Doubles use their shortest exact decimal form without
     * trailing zeros (T=0.45, T=1), so the same temperature always maps to the same directory.
     */
    public static String partitionDir(String name, Object value) {
        return name + "=" + partitionValue(value);
    }

    /** The text of a partition value as it appears in directory names. */
    public static String partitionValue(Object value) {
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("partition value must be finite, got " + d);
            }
            String s = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
            return s.equals("-0") ? "0" : s;
        }
        String s = String.valueOf(value);
        if (s.isEmpty() || s.contains("/") || s.contains("=") || s.startsWith(".") || s.startsWith("_")) {
            throw new IllegalArgumentException("partition value '" + s + "' cannot be a directory name");
        }
        return s;
    }
}
