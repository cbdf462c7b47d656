package dev.flowmatch.engine.train;

/**
 * What conditional sampling asks for: per molecule the property values wanted, in the model's units and in the
 * order of its {@link Conditions#names()} (a null row, or one holding NaN: that molecule is sampled
 * unconditionally), and the classifier-free guidance scale w ≥ 0 (0: the conditional field as learnt; larger
 * values follow the condition more closely, at some cost in diversity and validity).
 */
public record PropertyTargets(double[][] values, double guidance) {

    public PropertyTargets {
        if (values == null) {
            throw new IllegalArgumentException("Property targets: no values.");
        }
        if (!(guidance >= 0 && Double.isFinite(guidance))) {
            throw new IllegalArgumentException("The guidance scale must be a finite number ≥ 0, got " + guidance + ".");
        }
        values = values.clone();
    }
}
