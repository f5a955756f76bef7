package glassworks.md.structure;

import glassworks.md.FrameView;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A per-particle structural descriptor family with all of its parameters fixed: it turns one frame into one feature
 * vector per particle. Implementations are immutable and thread-safe (scratch lives inside {@link #compute}), plain Java
 * without Spark, so the same object serves unit tests, the CLI on one file and Spark tasks (it is Serializable).
 *
 * <p>The {@link #fingerprint()} identifies family plus parameters: rows of two parameter choices never mix in the
 * {@code descriptors} table.
 */
public interface Descriptor extends java.io.Serializable {

    /** Short family name as used on the command line and in the table, e.g. {@code bo}, {@code wcn}. */
    String family();

    /** Name of each feature, in vector order (e.g. {@code Q4}, {@code G_A(1.30)}); its size is the vector length. */
    List<String> featureNames();

    /**
     * Every parameter that changes the numbers, with canonical values (numbers as doubles or ints, lists as lists).
     * Sorted keys; the fingerprint hashes this map's string form.
     */
    Map<String, Object> parameters();

    /**
     * Computes the features of every particle of the frame into {@code out}, row-major: particle i's vector is
     * {@code out[i * featureCount() .. (i + 1) * featureCount() - 1]}. {@code out.length} must be at least
     * {@code frame.n() * featureCount()}.
     *
     * @throws IllegalArgumentException naming the problem and the fix when the frame does not suit the parameters
     *                                  (cutoff beyond half the box, 2D frame for a 3D-only family, missing energies)
     */
    void compute(FrameView frame, double[] out);

    /** Vector length. */
    default int featureCount() {
        return featureNames().size();
    }

    /** Convenience: a fresh {@code n * featureCount()} array filled by {@link #compute}. */
    default double[] compute(FrameView frame) {
        double[] out = new double[frame.n() * featureCount()];
        compute(frame, out);
        return out;
    }

    /** 16 hex digits of SHA-256 over the family and its sorted parameters. */
    default String fingerprint() {
        return fingerprint(family(), parameters());
    }

    /** The fingerprint of a family and parameter map (shared so composite descriptors hash the same way). */
    static String fingerprint(String family, Map<String, Object> parameters) {
        String canonical = family + new TreeMap<>(parameters);
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                s.append(String.format("%02x", h[i]));
            }
            return s.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
