import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Build-time generator (run by Maven in generate-sources as a single-file Java program): turns every schema file
 * {@code <table>.yaml} into a class {@code glassworks.schema.tables.<Table>Table} holding the {@code TableSchema}, one
 * constant per column name, and a {@code Row} record of the data columns. The schema files stay the only place a column
 * is spelled, documented and typed.
 */
public final class SchemaCodegen {
    private static final Set<String> TYPES = Set.of("string", "int32", "int64", "double", "boolean", "vector");

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]).resolve("glassworks/schema/tables");
        Files.createDirectories(out);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<String> classes = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path f : files) {
            JsonNode root = yaml.readTree(f.toFile());
            String cls = generate(f, root, out);
            classes.add(cls);
        }
        StringBuilder reg = new StringBuilder();
        reg.append("package glassworks.schema.tables;\n\n");
        reg.append("import glassworks.schema.TableSchema;\nimport java.util.List;\n\n");
        reg.append("/** Every table of the warehouse, generated from the schema files. */\n");
        reg.append("public final class Tables {\n    private Tables() {}\n\n");
        reg.append("    /** All tables, in name order. */\n");
        reg.append("    public static final List<TableSchema> ALL = List.of(");
        for (int i = 0; i < classes.size(); i++) {
            reg.append(i == 0 ? "" : ", ").append(classes.get(i)).append(".SCHEMA");
        }
        reg.append(");\n\n");
        reg.append("    /** The table of that name; fails listing the valid names. */\n");
        reg.append("    public static TableSchema byName(String name) {\n");
        reg.append("        for (TableSchema t : ALL) {\n            if (t.name().equals(name)) {\n                return t;\n            }\n        }\n");
        reg.append("        throw new IllegalArgumentException(\"unknown table '\" + name + \"'; tables: \" + ALL.stream().map(TableSchema::name).toList());\n");
        reg.append("    }\n}\n");
        Files.writeString(out.resolve("Tables.java"), reg.toString(), StandardCharsets.UTF_8);
    }

    private static String generate(Path file, JsonNode root, Path out) throws IOException {
        String table = req(file, root, "table").asText();
        if (!file.getFileName().toString().equals(table + ".yaml")) {
            throw new IllegalStateException(file + ": table '" + table + "' must live in " + table + ".yaml");
        }
        int version = req(file, root, "version").asInt();
        String cls = camel(table, true) + "Table";
        List<String> partitions = strings(root.path("partitions"));
        List<String> sort = strings(root.path("sort"));
        StringBuilder cols = new StringBuilder();
        StringBuilder consts = new StringBuilder();
        List<String[]> dataCols = new ArrayList<>(); // {name, javaType, nullable, columnType}
        Set<String> seen = new HashSet<>();
        for (JsonNode c : req(file, root, "fields")) {
            String name = req(file, c, "name").asText();
            String type = req(file, c, "type").asText();
            String unit = req(file, c, "unit").asText();
            String doc = req(file, c, "doc").asText();
            boolean nullable = c.path("nullable").asBoolean(false);
            boolean partition = c.path("partition").asBoolean(false);
            if (!TYPES.contains(type)) {
                throw new IllegalStateException(file + ": column " + name + " has unknown type " + type + "; valid: " + TYPES);
            }
            if (!seen.add(name)) {
                throw new IllegalStateException(file + ": column " + name + " declared twice");
            }
            if (partition != partitions.contains(name)) {
                throw new IllegalStateException(file + ": column " + name + " partition flag disagrees with partitions: " + partitions);
            }
            String enumName = "ColumnType." + type.toUpperCase();
            if (cols.length() > 0) {
                cols.append(",\n");
            }
            cols.append("            new Column(").append(q(name)).append(", ").append(enumName).append(", ").append(q(unit))
                    .append(", ").append(q(doc)).append(", ").append(nullable).append(", ").append(partition).append(")");
            consts.append("    /** ").append(javadoc(doc)).append(" [").append(javadoc(unit)).append("]")
                    .append(partition ? " (partition)" : "").append(" */\n");
            consts.append("    public static final String ").append(constName(name)).append(" = ").append(q(name)).append(";\n");
            if (!partition) {
                dataCols.add(new String[] {name, javaType(type, nullable), String.valueOf(nullable), type});
            }
        }
        for (String p : partitions) {
            if (!seen.contains(p)) {
                throw new IllegalStateException(file + ": partition " + p + " is not a declared column");
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("// Generated from schemas/src/main/schemas/").append(table).append(".yaml by SchemaCodegen. Do not edit.\n");
        s.append("package glassworks.schema.tables;\n\n");
        s.append("import glassworks.schema.Column;\nimport glassworks.schema.ColumnType;\nimport glassworks.schema.TableRow;\nimport glassworks.schema.TableSchema;\nimport java.util.List;\n\n");
        s.append("/** ").append(javadoc(root.path("doc").asText())).append(" */\n");
        s.append("public final class ").append(cls).append(" {\n    private ").append(cls).append("() {}\n\n");
        s.append("    /** Table name: its directory under the warehouse and its SQL view. */\n");
        s.append("    public static final String NAME = ").append(q(table)).append(";\n");
        s.append("    /** Format version written into every footer. */\n");
        s.append("    public static final int VERSION = ").append(version).append(";\n\n");
        s.append(consts).append("\n");
        s.append("    /** The table as its schema file declares it. */\n");
        s.append("    public static final TableSchema SCHEMA = new TableSchema(").append(q(table)).append(", ").append(version)
                .append(", ").append(q(root.path("doc").asText())).append(", List.of(\n").append(cols).append("),\n            ")
                .append(listOf(partitions)).append(", ").append(listOf(sort)).append(");\n\n");
        s.append("    /** One row's data columns (partition columns live in the directory names), in file order. */\n");
        s.append("    public record Row(");
        for (int i = 0; i < dataCols.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(dataCols.get(i)[1]).append(' ').append(camel(dataCols.get(i)[0], false));
        }
        s.append(") implements TableRow {\n");
        s.append("        @Override\n");
        s.append("        public Object value(int i) {\n            switch (i) {\n");
        for (int i = 0; i < dataCols.size(); i++) {
            s.append("                case ").append(i).append(": return ").append(camel(dataCols.get(i)[0], false)).append(";\n");
        }
        s.append("                default: throw new IndexOutOfBoundsException(\"").append(table)
                .append(" has ").append(dataCols.size()).append(" data columns, not \" + (i + 1));\n");
        s.append("            }\n        }\n\n");
        s.append("        /** A row from its data-column values in file order (the inverse of {@link #value(int)}). */\n");
        s.append("        public static Row of(Object[] v) {\n");
        s.append("            if (v.length != ").append(dataCols.size()).append(") {\n");
        s.append("                throw new IllegalArgumentException(\"").append(table).append(" has ").append(dataCols.size())
                .append(" data columns, got \" + v.length + \" values\");\n            }\n");
        s.append("            return new Row(");
        for (int i = 0; i < dataCols.size(); i++) {
            s.append(i == 0 ? "" : ", ").append('(').append(boxed(dataCols.get(i)[1])).append(") v[").append(i).append(']');
        }
        s.append(");\n        }\n    }\n}\n");
        Files.writeString(out.resolve(cls + ".java"), s.toString(), StandardCharsets.UTF_8);
        return cls;
    }

    private static JsonNode req(Path file, JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalStateException(file + ": missing '" + key + "' in " + n);
        }
        return v;
    }

    private static List<String> strings(JsonNode n) {
        List<String> r = new ArrayList<>();
        n.forEach(x -> r.add(x.asText()));
        return r;
    }

    private static String listOf(List<String> xs) {
        StringBuilder b = new StringBuilder("List.of(");
        for (int i = 0; i < xs.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(q(xs.get(i)));
        }
        return b.append(')').toString();
    }

    private static String javaType(String type, boolean nullable) {
        switch (type) {
            case "string": return "String";
            case "int32": return nullable ? "Integer" : "int";
            case "int64": return nullable ? "Long" : "long";
            case "double": return nullable ? "Double" : "double";
            case "boolean": return nullable ? "Boolean" : "boolean";
            case "vector": return "double[]";
            default: throw new IllegalStateException(type);
        }
    }

    private static String boxed(String javaType) {
        switch (javaType) {
            case "int": return "Integer";
            case "long": return "Long";
            case "double": return "Double";
            case "boolean": return "Boolean";
            default: return javaType;
        }
    }

    private static String camel(String snake, boolean upperFirst) {
        StringBuilder b = new StringBuilder();
        boolean up = upperFirst;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : (b.length() == 0 ? Character.toLowerCase(ch) : ch));
                up = false;
            }
        }
        return b.toString();
    }

    private static String constName(String name) {
        return name.toUpperCase();
    }

    private static String q(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + '"';
    }

    private static String javadoc(String s) {
        return s.replace("*/", "* /").replace("\n", " ");
    }
}
