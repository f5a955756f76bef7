package glassworks.md.lammps;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One block of LAMMPS thermo output: the header line's column names (e.g. {@code Step PotEng KinEng Press}) and the
 * numeric rows printed under it during one {@code run}.
 */
public record ThermoBlock(List<String> columns, List<double[]> rows) {

    public ThermoBlock {
        columns = List.copyOf(columns);
        List<double[]> copy = new ArrayList<>(rows.size());
        for (double[] r : rows) {
            if (r.length != columns.size()) {
                throw new IllegalArgumentException("row of " + r.length + " values under " + columns.size() + " columns");
            }
            copy.add(r.clone());
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** Index of a column (exact name as LAMMPS prints it, e.g. {@code PotEng}, {@code c_pvir}); -1 when absent. */
    public int column(String name) {
        return columns.indexOf(name);
    }

    /** Value of column {@code name} in row {@code row}; throws when the column is absent. */
    public double get(int row, String name) {
        int c = column(name);
        if (c < 0) {
            throw new IllegalArgumentException("no thermo column " + name + " in " + columns);
        }
        return rows.get(row)[c];
    }

    /** The last row as column name to value. */
    public Map<String, Double> lastRow() {
        if (rows.isEmpty()) {
            throw new IllegalStateException("thermo block " + columns + " has no rows");
        }
        return asMap(rows.get(rows.size() - 1));
    }

    /** Every row as column name to value, in print order. */
    public List<Map<String, Double>> maps() {
        List<Map<String, Double>> out = new ArrayList<>(rows.size());
        for (double[] r : rows) {
            out.add(asMap(r));
        }
        return out;
    }

    private Map<String, Double> asMap(double[] r) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            m.put(columns.get(c), r[c]);
        }
        return Collections.unmodifiableMap(m);
    }
}
