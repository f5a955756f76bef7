package glassworks.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static glassworks.cli.CliTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code glassworks descriptors}: the family manual, and refusals before Spark starts with nothing written. */
class DescriptorsCliTest {

    @Test
    void listPrintsEveryFamilyWithItsParameters() {
        CliTest.Outcome o = CliTest.run("descriptors", "--list");
        assertEquals(0, o.code(), o.err());
        for (String f : new String[] {"wcn", "wcn-avg", "bo", "sbo", "rbo", "soap", "zu", "gx", "qshell", "seed004",
                "seed004-avg", "cg"}) {
            assertTrue(o.out().contains("  " + f + " "), f + " missing from:\n" + o.out());
        }
        assertTrue(o.out().contains("l_max=8"), o.out());
    }

    @Test
    void badRequestsAreRefusedBeforeSpark(@TempDir Path tmp) {
        Path wh = tmp.resolve("wh");
        assertRefused(wh, "no descriptor set; pass --family", "descriptors");
        assertRefused(wh, "unknown descriptor family 'steinhardt'; families: wcn", "descriptors", "--family", "steinhardt");
        assertRefused(wh, "has no parameter 'lmax'", "descriptors", "--family", "bo", "--param", "bo.lmax=6");
        assertRefused(wh, "is not FAMILY.KEY=VALUE", "descriptors", "--family", "bo", "--param", "lmax6");
        assertRefused(wh, "names family 'gx'", "descriptors", "--family", "bo", "--param", "gx.delta=0.1");
        assertRefused(wh, "is not a number", "descriptors", "--family", "gx", "--param", "gx.delta=wide");
        assertRefused(wh, "used twice", "descriptors", "--sets", "[{family: bo}, {family: bo}]");
        assertRefused(wh, "needs a family", "descriptors", "--sets", "[{name: x}]");
        assertRefused(wh, "--source", "descriptors", "--family", "bo", "--source", "quenched");
        assertRefused(wh, "run `glassworks simulate` first", "descriptors", "--family", "bo");
    }
}
