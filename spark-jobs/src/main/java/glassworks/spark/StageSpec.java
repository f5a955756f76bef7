package glassworks.spark;

import glassworks.md.Ensemble;
import glassworks.md.Stage;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One stage of a protocol as a campaign or {@code --stages} writes it: the kernel's {@link Stage} with two freedoms that
 * only make sense across a temperature grid. A thermostat target may be {@code "T"}, the grid temperature of each run
 * ({@code T: [2.0, T]} quenches from 2.0 to every grid temperature), and the length may be a time in tau or, for a ramp,
 * a cooling rate; {@link #resolve} fixes both for one run. Mapping keys: {@code name, steps | time | rate, ensemble
 * (NVE|NVT|NPT, default NVT), T (a number, "T" or [start, end]; default "T"), save (default false)}.
 *
 * @param name     phase name (thermo rows)
 * @param steps    length in steps, or null
 * @param time     length in tau (steps = round(time / dt)), or null
 * @param rate     |dT/dt| of a ramp in epsilon/k_B per tau (steps = round(|T_end - T_start| / rate / dt)), or null
 * @param ensemble NVE, NVT or NPT
 * @param startT   target at the start [epsilon/k_B]; null for the run's grid temperature
 * @param endT     target at the end; null for the grid temperature
 * @param save     whether the stage's configurations are saved as frames
 */
public record StageSpec(String name, Long steps, Double time, Double rate, Ensemble ensemble, Double startT, Double endT,
                        boolean save) implements Serializable {
    private static final Set<String> KEYS = Set.of("name", "steps", "time", "rate", "ensemble", "T", "save");

    /** The classic protocol: NVT equilibration (not saved), then production in {@code ensemble}, both at the grid T. */
    public static List<StageSpec> twoStages(long equilibrationSteps, long productionSteps, Ensemble ensemble) {
        return List.of(new StageSpec("equilibration", equilibrationSteps, null, null, Ensemble.NVT, null, null, false),
                new StageSpec("production", productionSteps, null, null, ensemble, null, null, true));
    }

    /** A single stage of {@code steps} held at the grid temperature. */
    public static StageSpec hold(String name, long steps, Ensemble ensemble, boolean save) {
        return new StageSpec(name, steps, null, null, ensemble, null, null, save);
    }

    /** The kernel stage of a run at grid temperature {@code gridT} with time step {@code dt}. */
    public Stage resolve(double gridT, double dt) {
        double t0 = startT == null ? gridT : startT;
        double t1 = endT == null ? gridT : endT;
        long n;
        if (steps != null) {
            n = steps;
        } else if (time != null) {
            n = Math.round(time / dt);
        } else {
            if (t0 == t1) {
                throw new IllegalArgumentException("stage " + name + ": rate needs a ramp, but T starts and ends at " + t0
                        + (startT == null || endT == null ? " for the grid temperature " + gridT : "")
                        + "; give steps or time instead");
            }
            n = Math.round(Math.abs(t1 - t0) / rate / dt);
        }
        return new Stage(name, n, ensemble, t0, t1, save);
    }

    /** Every stage of the protocol at one grid temperature. */
    public static List<Stage> resolve(List<StageSpec> specs, double gridT, double dt) {
        List<Stage> out = new ArrayList<>();
        for (StageSpec s : specs) {
            out.add(s.resolve(gridT, dt));
        }
        return out;
    }

    /** e.g. {@code quench NPT 2->T rate 0.001 save}: how the template reads before T is known. */
    public String describe() {
        String len = steps != null ? "x" + steps : time != null ? "time " + time : "rate " + rate;
        String t = label(startT) + (java.util.Objects.equals(startT, endT) ? "" : "->" + label(endT));
        return name + " " + ensemble + " " + t + " " + len + (save ? " save" : "");
    }

    private static String label(Double t) {
        return t == null ? "T" : t.toString();
    }

    /** Whether any stage runs in {@code e}. */
    public static boolean any(List<StageSpec> specs, Ensemble e) {
        return specs.stream().anyMatch(s -> s.ensemble() == e);
    }

    /**
     * Parses a list of stage mappings (as Jackson reads YAML or JSON). Every problem is one message naming the stage
     * and the key.
     */
    public static List<StageSpec> parse(Object list) {
        if (!(list instanceof List<?> items) || items.isEmpty()) {
            throw new IllegalArgumentException("stages must be a non-empty list of mappings, e.g. [{name: melt, steps: "
                    + "20000, T: 2.0}, {name: production, steps: 10000, save: true}], got " + list);
        }
        List<StageSpec> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(parseOne(i, items.get(i)));
        }
        if (out.stream().noneMatch(StageSpec::save)) {
            throw new IllegalArgumentException("no stage has save: true, so the runs would store no frames; mark the "
                    + "stage(s) to keep, e.g. {name: production, steps: 10000, save: true}");
        }
        return out;
    }

    private static StageSpec parseOne(int index, Object item) {
        String where = "stage " + (index + 1);
        if (!(item instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException(where + " must be a mapping like {name: melt, steps: 20000, T: 2.0}, got " + item);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        raw.forEach((k, v) -> m.put(String.valueOf(k), v));
        for (String k : m.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(where + ": unknown key '" + k + "'; valid keys: name, steps, time, "
                        + "rate, ensemble, T, save");
            }
        }
        Object nameV = m.get("name");
        if (nameV == null || String.valueOf(nameV).isBlank()) {
            throw new IllegalArgumentException(where + ": needs a name, e.g. name: quench (it labels the thermo rows)");
        }
        String name = String.valueOf(nameV);
        where = where + " (" + name + ")";
        int lengths = (m.containsKey("steps") ? 1 : 0) + (m.containsKey("time") ? 1 : 0) + (m.containsKey("rate") ? 1 : 0);
        if (lengths != 1) {
            throw new IllegalArgumentException(where + ": give exactly one of steps, time (tau) or rate (epsilon/k_B per "
                    + "tau, ramps only)");
        }
        Long steps = null;
        Double time = null;
        Double rate = null;
        if (m.containsKey("steps")) {
            double s = number(where + " steps", m.get("steps"));
            if (s < 0 || s != Math.rint(s)) {
                throw new IllegalArgumentException(where + ": steps must be a whole number >= 0, got " + m.get("steps"));
            }
            steps = (long) s;
        } else if (m.containsKey("time")) {
            time = number(where + " time", m.get("time"));
            if (!(time >= 0)) {
                throw new IllegalArgumentException(where + ": time must be >= 0 tau, got " + time);
            }
        } else {
            rate = number(where + " rate", m.get("rate"));
            if (!(rate > 0)) {
                throw new IllegalArgumentException(where + ": rate must be > 0 (epsilon/k_B per tau), got " + rate);
            }
        }
        Ensemble ensemble = Ensemble.NVT;
        if (m.get("ensemble") != null) {
            try {
                ensemble = Ensemble.valueOf(String.valueOf(m.get("ensemble")).trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": unknown ensemble '" + m.get("ensemble") + "'; use NVE, NVT or NPT");
            }
        }
        Double startT = null;
        Double endT = null;
        Object t = m.get("T");
        if (t instanceof List<?> ramp) {
            if (ramp.size() != 2) {
                throw new IllegalArgumentException(where + ": a ramp is T: [start, end], got " + t);
            }
            startT = temperature(where, ramp.get(0));
            endT = temperature(where, ramp.get(1));
        } else if (t != null) {
            startT = temperature(where, t);
            endT = startT;
        }
        if (rate != null && startT != null && startT.equals(endT)) {
            throw new IllegalArgumentException(where + ": rate needs a ramp T: [start, end]; give steps or time for a hold");
        }
        Object save = m.get("save");
        if (save != null && !(save instanceof Boolean)) {
            throw new IllegalArgumentException(where + ": save must be true or false, got " + save);
        }
        return new StageSpec(name, steps, time, rate, ensemble, startT, endT, Boolean.TRUE.equals(save));
    }

    /** A number, or "T" (null: the grid temperature). */
    private static Double temperature(String where, Object v) {
        if (v instanceof String s && s.trim().equals("T")) {
            return null;
        }
        double d = number(where + " T", v);
        if (!(d > 0) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(where + ": T must be a number > 0 or \"T\" (the run's grid temperature), got " + v);
        }
        return d;
    }

    private static double number(String what, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            double d = Double.parseDouble(String.valueOf(v).trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(what + " must be a finite number, got " + v);
    }
}
