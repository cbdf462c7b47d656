package dev.flowmatch.engine.chem;

import java.util.Random;

/** Uniformly random 3D rotations, for rotation augmentation of point clouds. */
public final class Rotations {

    private Rotations() {
    }

    /**
     * @return a rotation matrix (row-major 3x3) drawn uniformly from SO(3), via a uniform random unit
     *         quaternion (Shoemake 1992)
     */
    public static double[] random(final Random rnd) {
        double u1 = rnd.nextDouble();
        double u2 = 2 * Math.PI * rnd.nextDouble();
        double u3 = 2 * Math.PI * rnd.nextDouble();
        double a = Math.sqrt(1 - u1);
        double b = Math.sqrt(u1);
        double w = a * Math.sin(u2);
        double x = a * Math.cos(u2);
        double y = b * Math.sin(u3);
        double z = b * Math.cos(u3);
        return new double[]{
            1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
            2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)};
    }
}
