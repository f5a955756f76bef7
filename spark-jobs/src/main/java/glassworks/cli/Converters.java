package glassworks.cli;

import picocli.CommandLine;

/** Option value converters shared by the subcommands. */
final class Converters {
    private Converters() {
    }

    /** A finite double; NaN and infinities are refused with the option's name by picocli. */
    static final class FiniteDouble implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d;
            try {
                d = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a number");
            }
            if (!Double.isFinite(d)) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a finite number");
            }
            return d;
        }
    }
}
