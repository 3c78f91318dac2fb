package org.losslab.optim;

import java.util.Locale;

/** Short number formatting for messages: 4 significant digits, no trailing zeros, "3.1e6" style exponents. */
final class Format {
    private Format() {
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0.0) {
            return "0";
        }
        double a = Math.abs(v);
        String s;
        if (a >= 1e-4 && a < 1e6) {
            s = String.format(Locale.ROOT, "%.4g", v);
            if (s.contains("e")) {
                return expo(s);
            }
            return trim(s);
        }
        return expo(String.format(Locale.ROOT, "%.3e", v));
    }

    private static String trim(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String expo(String s) {
        int e = s.indexOf('e');
        String mantissa = trim(s.substring(0, e));
        int exponent = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exponent;
    }
}
