package glassworks.md.stats;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BinAxis, Histogram1D and Histogram2D: bins, edges, normalisation, bounds from quantiles. */
class HistogramTest {

    @Test
    void axisEdgesCentresAndIndices() {
        BinAxis a = new BinAxis(-1, 1, 4);
        assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 1}, a.edges(), 0);
        assertArrayEquals(new double[] {-0.75, -0.25, 0.25, 0.75}, a.centres(), 0);
        assertEquals(0.5, a.width(), 0);
        assertEquals(0, a.index(-1));        // lower edge: first bin
        assertEquals(0, a.index(-0.6));
        assertEquals(1, a.index(-0.5));      // inner edge: the bin above
        assertEquals(2, a.index(0.0));
        assertEquals(3, a.index(0.999));
        assertEquals(3, a.index(1));         // upper edge: last bin (closed)
        assertEquals(-1, a.index(1.0000001));
        assertEquals(-1, a.index(-1.0000001));
        assertEquals(-1, a.index(Double.NaN));
        assertEquals(-1, a.index(Double.POSITIVE_INFINITY));
    }

    @Test
    void everyEdgeStartsItsBinEvenWhenTheDivisionRounds() {
        BinAxis a = new BinAxis(0.1, 0.7, 60);
        for (int i = 0; i < 60; i++) {
            assertEquals(i, a.index(a.edge(i)), "edge " + i);
            assertEquals(i, a.index(a.centre(i)), "centre " + i);
            assertEquals(i, a.index(Math.nextDown(a.edge(i + 1))), "just below edge " + (i + 1));
        }
    }

    @Test
    void refusesBadAxes() {
        assertThrows(IllegalArgumentException.class, () -> new BinAxis(1, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new BinAxis(0, Double.POSITIVE_INFINITY, 3));
        assertThrows(IllegalArgumentException.class, () -> new BinAxis(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> BinAxis.fromQuantiles(new double[] {1, 2}, 3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> BinAxis.fromQuantiles(new double[] {Double.NaN}, 3, 0));
    }

    @Test
    void boundsFromQuantilesUseRsTypeSeven() {
        double[] x = new double[101];
        for (int i = 0; i <= 100; i++) {
            x[i] = i; // R: quantile(0:100, c(0.05, 0.95)) = 5, 95
        }
        BinAxis a = BinAxis.fromQuantiles(x, 9, 0.05);
        assertEquals(5, a.lower(), 1e-12);
        assertEquals(95, a.upper(), 1e-12);
        // type 7 interpolates: quantile(c(0, 10), 0.25) = 2.5
        BinAxis b = BinAxis.fromQuantiles(new double[] {10, Double.NaN, 0}, 2, 0.25);
        assertEquals(2.5, b.lower(), 1e-12);
        assertEquals(7.5, b.upper(), 1e-12);
        BinAxis minMax = BinAxis.fromQuantiles(new double[] {3, -2, 8}, 5, 0);
        assertEquals(-2, minMax.lower(), 0);
        assertEquals(8, minMax.upper(), 0);
        BinAxis constant = BinAxis.fromQuantiles(new double[] {4, 4, 4}, 5, 0.1);
        assertEquals(3.5, constant.lower(), 0);
        assertEquals(4.5, constant.upper(), 0);
    }

    @Test
    void oneDimensionalCountsDensityAndEdges() {
        double[] x = {0.0, 0.1, 0.25, 0.5, 0.99, 1.0, 1.5, -0.2, Double.NaN, Double.NEGATIVE_INFINITY};
        Histogram1D h = Histogram1D.of(x, new BinAxis(0, 1, 4));
        assertArrayEquals(new long[] {2, 1, 1, 2}, h.counts()); // 0.25 and 0.5 start bins 1 and 2; 1.0 in the last
        assertEquals(6, h.inRange());
        assertEquals(3, h.outside());
        assertEquals(1, h.missing());
        assertEquals(2 / (6 * 0.25), h.density(0), 1e-15);
        assertArrayEquals(new double[] {0.125, 0.375, 0.625, 0.875}, h.centres(), 0);
        double integral = 0;
        for (double d : h.densities()) {
            integral += d * 0.25;
        }
        assertEquals(1.0, integral, 1e-14);
    }

    @Test
    void oneDimensionalDefaultRangeHoldsEveryValueAndIntegratesToOne() {
        SplittableRandom random = new SplittableRandom(8);
        double[] x = new double[5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian() * 2 + 1;
        }
        Histogram1D h = Histogram1D.of(x, 37);
        assertEquals(5000, h.inRange());
        assertEquals(0, h.outside());
        double integral = 0;
        for (double d : h.densities()) {
            integral += d * h.axis().width();
        }
        assertEquals(1.0, integral, 1e-12);
    }

    @Test
    void recordsAreImmutableAndCompareByContent() {
        long[] counts = {1, 2, 3};
        Histogram1D h = new Histogram1D(new BinAxis(0, 3, 3), counts, 0, 0);
        counts[0] = 99;
        assertEquals(1, h.count(0));
        h.counts()[1] = 99;
        assertEquals(2, h.count(1));
        assertEquals(new Histogram1D(new BinAxis(0, 3, 3), new long[] {1, 2, 3}, 0, 0), h);
        assertNotEquals(new Histogram1D(new BinAxis(0, 3, 3), new long[] {1, 2, 4}, 0, 0), h);
        assertThrows(IllegalArgumentException.class, () -> new Histogram1D(new BinAxis(0, 3, 3), new long[2], 0, 0));
    }

    @Test
    void twoDimensionalPointLandsInItsBin() {
        BinAxis ax = new BinAxis(-2, 2, 4);   // edges -2 -1 0 1 2
        BinAxis ay = new BinAxis(0, 10, 5);   // edges 0 2 4 6 8 10
        Histogram2D h = Histogram2D.of(new double[] {0.5, -2, 2, 0.5, 3, Double.NaN},
                new double[] {4.0, 0, 10, 3.9, 5, 1}, ax, ay);
        assertEquals(1, h.count(2, 2));       // (0.5, 4.0): x bin [0, 1), y bin [4, 6)
        assertEquals(1, h.count(2, 1));       // (0.5, 3.9)
        assertEquals(1, h.count(0, 0));       // lower corner
        assertEquals(1, h.count(3, 4));       // upper corner, closed
        assertEquals(4, h.inRange());
        assertEquals(1, h.outside());
        assertEquals(1, h.missing());
        long[][] grid = h.countGrid();
        assertEquals(1, grid[2][2]);
        assertArrayEquals(new double[] {-1.5, -0.5, 0.5, 1.5}, h.xCentres(), 0);
        assertArrayEquals(new double[] {1, 3, 5, 7, 9}, h.yCentres(), 0);
        assertEquals(1 / (4 * 1.0 * 2.0), h.density(2, 2), 1e-15);
        assertThrows(IndexOutOfBoundsException.class, () -> h.count(4, 0));
    }

    @Test
    void twoDimensionalDensityIntegratesToOneAndMarginalsAddUp() {
        SplittableRandom random = new SplittableRandom(21);
        int n = 20000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
            y[i] = 0.5 * x[i] + random.nextGaussian();
        }
        Histogram2D h = Histogram2D.ofQuantiles(x, y, 30, 25, 0.01);
        double dx = h.xAxis().width();
        double dy = h.yAxis().width();
        double integral = 0;
        for (double[] row : h.densityGrid()) {
            for (double d : row) {
                integral += d * dx * dy;
            }
        }
        assertEquals(1.0, integral, 1e-12);
        assertEquals(n, h.inRange() + h.outside());
        // about 1% below and 1% above on each axis: between 2% and 4% of pairs fall outside the rectangle
        assertTrue(h.outside() > 0.02 * n && h.outside() < 0.04 * n, "outside " + h.outside());
        Histogram1D mx = Histogram1D.of(x, h.xAxis());
        long inXRange = mx.inRange();
        assertTrue(h.inRange() <= inXRange);
        assertEquals(h.inRange(), Histogram2D.of(x, y, h.xAxis(), h.yAxis()).inRange());
        assertEquals(h, Histogram2D.of(x, y, h.xAxis(), h.yAxis()));
    }
}
