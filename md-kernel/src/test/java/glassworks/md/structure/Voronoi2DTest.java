package glassworks.md.structure;

import glassworks.md.Box;
import glassworks.md.FrameView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The periodic plain Voronoi cells: exact lattice cells, the tiling property (areas sum to the box, six sides on
 * average), an independent O(N^2) construction, tiny systems whose cells need non-minimum images.
 */
class Voronoi2DTest {

    /** Particles uniformly at random in lx x ly, unwrapped up to two boxes away. */
    static double[][] randomPositions(int n, double lx, double ly, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(0, lx) + lx * (rng.nextInt(5) - 2);
            y[i] = rng.nextDouble(0, ly) + ly * (rng.nextInt(5) - 2);
        }
        return new double[][]{x, y};
    }

    @Test
    void squareLatticeCellsAreSquaresOfPerimeterFourA() {
        for (double a : new double[]{1.0, 0.9159, 1.37}) {
            int side = 12;
            int n = side * side;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                // an offset so sites are not on the box edges, and some sites given as other images (unwrapped input)
                x[i] = (i % side + 0.3) * a + (i % 3 == 0 ? side * a : 0);
                y[i] = (i / side + 0.7) * a - (i % 5 == 0 ? side * a : 0);
            }
            Voronoi2D.Cells cells = Voronoi2D.compute(Box.planar(side * a, side * a), x, y, n);
            for (int i = 0; i < n; i++) {
                assertEquals(4 * a, cells.perimeter()[i], 1e-12, "perimeter of " + i + ", a = " + a);
                assertEquals(a * a, cells.area()[i], 1e-12);
                assertEquals(4, cells.sides()[i], "the diagonal neighbours only touch the corners");
            }
        }
    }

    @Test
    void triangularLatticeCellsAreRegularHexagons() {
        for (double a : new double[]{1.0, 1.1}) {
            int nx = 10;
            int ny = 12; // even: the rows close periodically
            double h = a * Math.sqrt(3) / 2;
            int n = nx * ny;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int iy = 0, i = 0; iy < ny; iy++) {
                for (int ix = 0; ix < nx; ix++, i++) {
                    x[i] = (ix + 0.5 * (iy % 2) + 0.1) * a;
                    y[i] = (iy + 0.2) * h;
                }
            }
            Voronoi2D.Cells cells = Voronoi2D.compute(Box.planar(nx * a, ny * h), x, y, n);
            // hexagon of side a / sqrt(3): perimeter 6 a / sqrt(3), area sqrt(3)/2 a^2
            for (int i = 0; i < n; i++) {
                assertEquals(6 * a / Math.sqrt(3), cells.perimeter()[i], 1e-12);
                assertEquals(Math.sqrt(3) / 2 * a * a, cells.area()[i], 1e-12);
                assertEquals(6, cells.sides()[i]);
            }
        }
    }

    @Test
    void cellsTileThePeriodicBox() {
        double lx = 21.0;
        double ly = 17.5;
        int n = 450;
        double[][] p = randomPositions(n, lx, ly, 42);
        Voronoi2D.Cells cells = Voronoi2D.compute(Box.planar(lx, ly), p[0], p[1], n);
        double area = 0;
        long sides = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(cells.area()[i] > 0 && cells.perimeter()[i] > 0);
            area += cells.area()[i];
            sides += cells.sides()[i];
        }
        assertEquals(lx * ly, area, 1e-9, "cells must tile the box");
        // Euler on the torus: V - E + F = 0 with threefold vertices gives E = 3N, so the sides sum to 6N exactly
        assertEquals(6L * n, sides);
    }

    @Test
    void randomConfigurationsEqualIndependentBruteForce() {
        // small and dilute-ish (some cells wide against the box) and a larger one
        for (int[] c : new int[][]{{60, 8, 8, 1}, {150, 11, 13, 2}, {400, 20, 20, 3}}) {
            int n = c[0];
            double lx = c[1];
            double ly = c[2];
            double[][] p = randomPositions(n, lx, ly, c[3]);
            Voronoi2D.Cells cells = Voronoi2D.compute(Box.planar(lx, ly), p[0], p[1], n);
            for (int i = 0; i < n; i++) {
                double[] expect = bruteForceCell(lx, ly, p[0], p[1], n, i);
                assertEquals(expect[0], cells.perimeter()[i], 1e-10, "perimeter of " + i + " (N = " + n + ")");
                assertEquals(expect[1], cells.area()[i], 1e-10, "area of " + i);
            }
        }
    }

    @Test
    void jitteredLatticeEqualsBruteForce() {
        // near-degenerate vertices (almost co-circular quadruples): the on-line tolerance must not change the cells
        int side = 9;
        int n = side * side;
        SplittableRandom rng = new SplittableRandom(7);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % side + 1e-9 * rng.nextDouble(-1, 1);
            y[i] = i / side + 1e-9 * rng.nextDouble(-1, 1);
        }
        Voronoi2D.Cells cells = Voronoi2D.compute(Box.planar(side, side), x, y, n);
        double area = 0;
        for (int i = 0; i < n; i++) {
            double[] expect = bruteForceCell(side, side, x, y, n, i);
            assertEquals(expect[0], cells.perimeter()[i], 1e-8);
            assertEquals(expect[1], cells.area()[i], 1e-8);
            area += cells.area()[i];
        }
        assertEquals(side * side, area, 1e-9);
    }

    @Test
    void tinySystemsUseNonMinimumImages() {
        // N = 1: the cell is the whole box
        Voronoi2D.Cells one = Voronoi2D.compute(Box.planar(3.0, 5.0), new double[]{0.4}, new double[]{-7.2}, 1);
        assertEquals(16.0, one.perimeter()[0], 1e-12);
        assertEquals(15.0, one.area()[0], 1e-12);
        assertEquals(4, one.sides()[0]);
        // N = 2 on a checkerboard: a square lattice rotated by 45 degrees, spacing L / sqrt 2
        double l = 4.0;
        Voronoi2D.Cells two = Voronoi2D.compute(Box.planar(l, l), new double[]{0.5, 0.5 + l / 2},
                new double[]{1.0, 1.0 + l / 2}, 2);
        for (int i = 0; i < 2; i++) {
            assertEquals(l * l / 2, two.area()[i], 1e-12);
            assertEquals(4 * l / Math.sqrt(2), two.perimeter()[i], 1e-12);
            assertEquals(4, two.sides()[i]);
        }
        // N = 3 and 7 at random: tiling and brute force
        for (int n : new int[]{3, 7}) {
            double[][] p = randomPositions(n, 3.0, 2.0, 100 + n);
            Voronoi2D.Cells cells = Voronoi2D.compute(Box.planar(3.0, 2.0), p[0], p[1], n);
            double area = 0;
            for (int i = 0; i < n; i++) {
                double[] expect = bruteForceCell(3.0, 2.0, p[0], p[1], n, i);
                assertEquals(expect[0], cells.perimeter()[i], 1e-10);
                assertEquals(expect[1], cells.area()[i], 1e-10);
                area += cells.area()[i];
            }
            assertEquals(6.0, area, 1e-12);
        }
    }

    @Test
    void frameEntryAndRefusals() {
        int n = 100;
        double[][] p = randomPositions(n, 10, 10, 9);
        FrameView f2 = new FrameView(0, 0, 0, n, 2, new int[n], p[0], p[1], new double[n], 10, 10, 0, null, null,
                null, null);
        double[] per = Voronoi2D.perimeters(f2);
        double[] direct = Voronoi2D.compute(Box.planar(10, 10), p[0], p[1], n).perimeter();
        for (int i = 0; i < n; i++) {
            assertEquals(direct[i], per[i]);
        }
        FrameView f3 = new FrameView(0, 0, 0, n, 3, new int[n], p[0], p[1], new double[n], 10, 10, 10, null, null,
                null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Voronoi2D.compute(f3));
        assertTrue(e.getMessage().contains("2D"), e.getMessage());
        double[] x = {1, 2, 1};
        double[] y = {1, 3, 1};
        e = assertThrows(IllegalArgumentException.class, () -> Voronoi2D.compute(Box.planar(6, 6), x, y, 3));
        assertTrue(e.getMessage().contains("coincide"), e.getMessage());
    }

    @Test
    void largeSystemIsFastAndTiles() {
        int n = 20000;
        double l = Math.sqrt(n / 1.19207);
        double[][] p = randomPositions(n, l, l, 5);
        long t0 = System.nanoTime();
        Voronoi2D.Cells cells = Voronoi2D.compute(Box.planar(l, l), p[0], p[1], n);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        double area = 0;
        for (double a : cells.area()) {
            area += a;
        }
        assertEquals(l * l, area, 1e-8 * l * l / 1000);
        assertTrue(seconds < 5, "20000 cells took " + seconds + " s");
    }

    // ---- independent oracle: a huge square clipped against every particle's 5 x 5 nearest images, no ordering

    static double[] bruteForceCell(double lx, double ly, double[] x, double[] y, int n, int i) {
        List<double[]> poly = new ArrayList<>();
        double big = 4 * (lx + ly);
        poly.add(new double[]{-big, -big});
        poly.add(new double[]{big, -big});
        poly.add(new double[]{big, big});
        poly.add(new double[]{-big, big});
        for (int j = 0; j < n; j++) {
            double mx = x[j] - x[i];
            double my = y[j] - y[i];
            mx -= lx * Math.floor(mx / lx + 0.5);
            my -= ly * Math.floor(my / ly + 0.5);
            for (int sx = -2; sx <= 2; sx++) {
                for (int sy = -2; sy <= 2; sy++) {
                    if (j == i && sx == 0 && sy == 0) {
                        continue;
                    }
                    poly = halfPlane(poly, mx + sx * lx, my + sy * ly);
                }
            }
        }
        double per = 0;
        double area = 0;
        for (int v = 0; v < poly.size(); v++) {
            double[] a = poly.get(v);
            double[] b = poly.get((v + 1) % poly.size());
            per += Math.sqrt((b[0] - a[0]) * (b[0] - a[0]) + (b[1] - a[1]) * (b[1] - a[1]));
            area += 0.5 * (a[0] * b[1] - b[0] * a[1]);
        }
        return new double[]{per, area};
    }

    /** Points closer to the origin than to (dx, dy). */
    private static List<double[]> halfPlane(List<double[]> poly, double dx, double dy) {
        List<double[]> out = new ArrayList<>();
        double c = 0.5 * (dx * dx + dy * dy);
        for (int v = 0; v < poly.size(); v++) {
            double[] a = poly.get(v);
            double[] b = poly.get((v + 1) % poly.size());
            double fa = a[0] * dx + a[1] * dy - c;
            double fb = b[0] * dx + b[1] * dy - c;
            if (fa <= 0) {
                out.add(a);
            }
            if ((fa < 0 && fb > 0) || (fa > 0 && fb < 0)) {
                double t = fa / (fa - fb);
                out.add(new double[]{a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])});
            }
        }
        return out;
    }
}
