package glassworks.spark;

import glassworks.md.Models;
import glassworks.md.PairModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds models by name (a campaign's declarations first, then the presets) and rebuilds a stored run's model from its
 * runs.model_spec line, so that a job reading stored runs (iso) uses exactly the physics that produced them, even for
 * a model declared in another campaign file.
 */
public final class ModelSpecs {
    private ModelSpecs() {
    }

    /** A declared model of that name, else the preset; an unknown name is refused with the valid ones. */
    public static PairModel resolve(String name, Map<String, PairModel> declared) {
        PairModel m = declared == null ? null : declared.get(name);
        if (m != null) {
            return m;
        }
        try {
            return Models.byName(name);
        } catch (IllegalArgumentException e) {
            if (declared == null || declared.isEmpty()) {
                throw e;
            }
            throw new IllegalArgumentException(e.getMessage() + "; declared in this campaign: "
                    + String.join(", ", declared.keySet()), e);
        }
    }

    /**
     * The model whose {@link PairModel#describe()} is {@code spec}, named {@code name}. Fails when the line cannot be
     * parsed or does not describe back to itself (a spec written by another Glassworks version).
     */
    public static PairModel fromSpec(String name, String spec) {
        try {
            int dims = 0;
            String cutoff = null;
            double density = 0;
            List<String> species = new ArrayList<>();
            List<Double> masses = new ArrayList<>();
            List<Double> fractions = new ArrayList<>();
            List<String[]> pairs = new ArrayList<>();
            for (String part : spec.split("; ")) {
                if (part.startsWith("dims=")) {
                    dims = Integer.parseInt(part.substring(5));
                } else if (part.startsWith("cutoff=")) {
                    cutoff = part.substring(7);
                } else if (part.startsWith("density=")) {
                    density = Double.parseDouble(part.substring(8));
                } else {
                    int colon = part.indexOf(": ");
                    String label = part.substring(0, colon);
                    String[] kv = part.substring(colon + 2).split(" ");
                    if (kv[0].startsWith("m=")) {
                        species.add(label);
                        masses.add(Double.parseDouble(kv[0].substring(2)));
                        fractions.add(Double.parseDouble(kv[1].substring(2)));
                    } else {
                        pairs.add(new String[]{label, kv[0].substring(4), kv[1].substring(4), kv[2].substring(3)});
                    }
                }
            }
            int ns = species.size();
            double[][] eps = new double[ns][ns];
            double[][] sig = new double[ns][ns];
            double[][] rc = new double[ns][ns];
            int k = 0;
            for (int a = 0; a < ns; a++) {
                for (int b = a; b < ns; b++) {
                    String[] p = pairs.get(k++);
                    if (!p[0].equals(species.get(a) + species.get(b))) {
                        throw new IllegalArgumentException("pair " + p[0] + " out of order");
                    }
                    eps[a][b] = eps[b][a] = Double.parseDouble(p[1]);
                    sig[a][b] = sig[b][a] = Double.parseDouble(p[2]);
                    rc[a][b] = rc[b][a] = Double.parseDouble(p[3]);
                }
            }
            PairModel m = new PairModel(name, dims, species, masses.stream().mapToDouble(Double::doubleValue).toArray(),
                    fractions.stream().mapToDouble(Double::doubleValue).toArray(), eps, sig, rc,
                    PairModel.CutoffMode.parse(cutoff), density);
            if (!m.describe().equals(spec)) {
                throw new IllegalArgumentException("it describes back as '" + m.describe() + "'");
            }
            return m;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot rebuild model '" + name + "' from its stored model_spec '" + spec
                    + "' (" + e.getMessage() + "); was it written by another Glassworks version?", e);
        }
    }
}
