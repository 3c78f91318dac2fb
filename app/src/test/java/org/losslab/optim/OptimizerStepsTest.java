package org.losslab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The first steps of every optimizer on f(x, y) = x^2 + 10 y^2 (gradient (2x, 20y)) from (1, 1), worked out by
 * hand with torch.optim's update rules written out in the comments. Each step's gradient is computed here from
 * the previous hand-worked point, not by the code under test.
 */
class OptimizerStepsTest {

    /** Takes one step from theta with the gradient of x^2 + 10 y^2 written out here. */
    private static void step(Optimizer opt, double[] theta, double lr) {
        opt.step(theta, new double[] {2 * theta[0], 20 * theta[1]}, lr);
    }

    private static void assertPoint(double x, double y, double[] theta, double tol, String what) {
        assertEquals(x, theta[0], tol, what + " x");
        assertEquals(y, theta[1], tol, what + " y");
    }

    @Test
    void sgd() {
        Optimizer opt = OptimizerSpec.parse("sgd").create();
        double[] t = {1, 1};
        // g = (2, 20); theta - 0.01 g = (0.98, 0.8)
        step(opt, t, 0.01);
        assertPoint(0.98, 0.8, t, 1e-15, "step 1");
        // g = (1.96, 16); (0.98 - 0.0196, 0.8 - 0.16)
        step(opt, t, 0.01);
        assertPoint(0.9604, 0.64, t, 1e-15, "step 2");
        assertEquals(2, opt.steps());
    }

    @Test
    void sgdWithWeightDecay() {
        Optimizer opt = OptimizerSpec.parse("sgd:weight_decay=0.5").create();
        double[] t = {1, 1};
        // g + 0.5 theta = (2.5, 20.5); theta - 0.1 (2.5, 20.5)
        step(opt, t, 0.1);
        assertPoint(0.75, -1.05, t, 1e-15, "step 1");
    }

    @Test
    void momentum() {
        Optimizer opt = OptimizerSpec.parse("momentum:momentum=0.9").create();
        double[] t = {1, 1};
        // step 1: v = g = (2, 20) (torch starts the buffer at g); theta = (1 - 0.02, 1 - 0.2)
        step(opt, t, 0.01);
        assertPoint(0.98, 0.8, t, 1e-15, "step 1");
        // step 2: g = (1.96, 16); v = 0.9 (2, 20) + g = (3.76, 34); theta = (0.98 - 0.0376, 0.8 - 0.34)
        step(opt, t, 0.01);
        assertPoint(0.9424, 0.46, t, 1e-15, "step 2");
        // step 3: g = (1.8848, 9.2); v = 0.9 (3.76, 34) + g = (5.2688, 39.8); theta = (0.9424 - 0.052688, 0.46 - 0.398)
        step(opt, t, 0.01);
        assertPoint(0.889712, 0.062, t, 1e-14, "step 3");
    }

    @Test
    void momentumWithDampening() {
        Optimizer opt = OptimizerSpec.parse("momentum:momentum=0.5,dampening=0.5").create();
        double[] t = {1, 1};
        // step 1: v = g = (2, 20), undamped; theta = (0.98, 0.8)
        step(opt, t, 0.01);
        assertPoint(0.98, 0.8, t, 1e-15, "step 1");
        // step 2: g = (1.96, 16); v = 0.5 (2, 20) + 0.5 g = (1.98, 18); theta = (0.98 - 0.0198, 0.8 - 0.18)
        step(opt, t, 0.01);
        assertPoint(0.9602, 0.62, t, 1e-15, "step 2");
    }

    @Test
    void nesterov() {
        Optimizer opt = OptimizerSpec.parse("nesterov:momentum=0.9").create();
        double[] t = {1, 1};
        // step 1: v = g = (2, 20); g' = g + 0.9 v = (3.8, 38); theta = (1 - 0.038, 1 - 0.38)
        step(opt, t, 0.01);
        assertPoint(0.962, 0.62, t, 1e-15, "step 1");
        // step 2: g = (1.924, 12.4); v = 0.9 (2, 20) + g = (3.724, 30.4);
        //         g' = g + 0.9 v = (5.2756, 39.76); theta = (0.962 - 0.052756, 0.62 - 0.3976)
        step(opt, t, 0.01);
        assertPoint(0.909244, 0.2224, t, 1e-15, "step 2");
    }

    @Test
    void adagrad() {
        Optimizer opt = OptimizerSpec.parse("adagrad").create();
        double[] t = {1, 1};
        double eps = 1e-10;
        // step 1: s = g^2 = (4, 400); theta = 1 - 0.1 g / (sqrt(s) + eps) = 1 - 0.1 * 2/(2 + eps) (and 20/(20 + eps))
        step(opt, t, 0.1);
        double x1 = 1 - 0.1 * 2 / (2 + eps);
        double y1 = 1 - 0.1 * 20 / (20 + eps);
        assertPoint(x1, y1, t, 1e-15, "step 1");
        // step 2: g = (2 x1, 20 y1); s = (4 + g1^2, 400 + g2^2); theta -= 0.1 g / (sqrt(s) + eps)
        double gx = 2 * x1;
        double gy = 20 * y1;
        step(opt, t, 0.1);
        assertPoint(x1 - 0.1 * gx / (Math.sqrt(4 + gx * gx) + eps), y1 - 0.1 * gy / (Math.sqrt(400 + gy * gy) + eps),
                t, 1e-15, "step 2");
        // about 0.9 - 0.1 * 1.8 / sqrt(7.24) = 0.83310...
        assertEquals(0.8331, t[0], 1e-4);
    }

    @Test
    void adagradWithDecayAndInitialAccumulator() {
        Optimizer opt = OptimizerSpec.parse("adagrad:lr_decay=0.5,initial_accumulator_value=5").create();
        double[] t = {1, 1};
        // step 1: clr = lr; s = 5 + 4 = 9 (x): theta_x = 1 - 0.1 * 2 / 3
        step(opt, t, 0.1);
        double x1 = 1 - 0.1 * 2 / (3 + 1e-10);
        assertEquals(x1, t[0], 1e-15);
        // step 2: clr = 0.1 / (1 + 1 * 0.5); s = 9 + (2 x1)^2
        step(opt, t, 0.1);
        assertEquals(x1 - 0.1 / 1.5 * 2 * x1 / (Math.sqrt(9 + 4 * x1 * x1) + 1e-10), t[0], 1e-15);
    }

    @Test
    void rmsprop() {
        Optimizer opt = OptimizerSpec.parse("rmsprop").create();
        double[] t = {1, 1};
        double eps = 1e-8;
        // step 1: v = 0.01 g^2 = (0.04, 4); theta = 1 - 0.01 g / (sqrt(v) + eps) = 1 - 0.01 * 2 / (0.2 + eps)
        step(opt, t, 0.01);
        double x1 = 1 - 0.01 * 2 / (0.2 + eps);
        double y1 = 1 - 0.01 * 20 / (2 + eps);
        assertPoint(x1, y1, t, 1e-15, "step 1");
        assertEquals(0.9, t[0], 1e-6);
        // step 2: g = 2 x1; v = 0.99 * 0.04 + 0.01 g^2
        double g = 2 * x1;
        double v = 0.99 * 0.04 + 0.01 * g * g;
        step(opt, t, 0.01);
        assertEquals(x1 - 0.01 * g / (Math.sqrt(v) + eps), t[0], 1e-15);
    }

    @Test
    void rmspropCenteredWithMomentum() {
        Optimizer opt = OptimizerSpec.parse("rmsprop:centered=true,momentum=0.5").create();
        double[] t = {1, 1};
        double eps = 1e-8;
        // step 1: v = 0.01 * 4 = 0.04, a = 0.01 * 2 = 0.02, d = sqrt(0.04 - 0.0004) + eps;
        //         b = g / d; theta = 1 - 0.01 b
        double d1 = Math.sqrt(0.0396) + eps;
        double b1 = 2 / d1;
        step(opt, t, 0.01);
        double x1 = 1 - 0.01 * b1;
        assertEquals(x1, t[0], 1e-15);
        // step 2: g = 2 x1; v = 0.99 * 0.04 + 0.01 g^2; a = 0.99 * 0.02 + 0.01 g; b = 0.5 b1 + g / d
        double g = 2 * x1;
        double v = 0.99 * 0.04 + 0.01 * g * g;
        double a = 0.99 * 0.02 + 0.01 * g;
        double b2 = 0.5 * b1 + g / (Math.sqrt(v - a * a) + eps);
        step(opt, t, 0.01);
        assertEquals(x1 - 0.01 * b2, t[0], 1e-14);
    }

    @Test
    void adamWithBiasCorrection() {
        Optimizer opt = OptimizerSpec.parse("adam").create();
        double[] t = {1, 1};
        double eps = 1e-8;
        // step 1: m = 0.1 g, v = 0.001 g^2; mhat = m / 0.1 = g, vhat = v / 0.001 = g^2;
        //         theta = 1 - 0.1 g / (|g| + eps)  ->  about 0.9 in both coordinates
        step(opt, t, 0.1);
        double x1 = 1 - 0.1 * 2 / (2 + eps);
        double y1 = 1 - 0.1 * 20 / (20 + eps);
        assertPoint(x1, y1, t, 1e-15, "step 1");
        // step 2: g = 2 x1 (about 1.8); m = 0.9 * 0.2 + 0.1 g (about 0.36); v = 0.999 * 0.004 + 0.001 g^2;
        //         mhat = m / (1 - 0.81), vhat = v / (1 - 0.998001); theta -= 0.1 mhat / (sqrt(vhat) + eps)
        double g = 2 * x1;
        double m = 0.9 * 0.2 + 0.1 * g;
        double v = 0.999 * 0.004 + 0.001 * g * g;
        double mhat = m / (1 - 0.81);
        double vhat = v / (1 - 0.998001);
        step(opt, t, 0.1);
        double x2 = x1 - 0.1 * mhat / (Math.sqrt(vhat) + eps);
        assertEquals(x2, t[0], 1e-14);
        // with g = 1.8 exactly: mhat = 0.36/0.19, vhat = 0.007236/0.001999, step 0.0996...: x2 about 0.80039
        assertEquals(0.9 - 0.1 * (0.36 / 0.19) / Math.sqrt(0.007236 / 0.001999), t[0], 1e-7);
        // step 3: bias corrections 1 - 0.9^3 and 1 - 0.999^3
        double g3 = 2 * x2;
        double m3 = 0.9 * m + 0.1 * g3;
        double v3 = 0.999 * v + 0.001 * g3 * g3;
        step(opt, t, 0.1);
        assertEquals(x2 - 0.1 * (m3 / (1 - 0.729)) / (Math.sqrt(v3 / (1 - 0.997002999)) + eps), t[0], 1e-14);
    }

    @Test
    void resetForgetsTheState() {
        Optimizer opt = OptimizerSpec.parse("momentum").create();
        double[] t = {1, 1};
        step(opt, t, 0.01);
        step(opt, t, 0.01);
        opt.reset();
        double[] u = {1, 1};
        step(opt, u, 0.01);
        assertPoint(0.98, 0.8, u, 1e-15, "after reset: a first step again");
        assertEquals(1, opt.steps());
    }
}
