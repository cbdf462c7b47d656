package dev.flowmatch.engine.flow.path;

/** Cosine schedule: α_t = sin(πt/2), σ_t = cos(πt/2); α² + σ² = 1, so variance is preserved. */
public record CosineScheduler() implements Scheduler {

    @Override
    public Coefficients at(final double t) {
        Scheduler.checkTime(t);
        double w = Math.PI / 2;
        return new Coefficients(Math.sin(w * t), Math.cos(w * t), w * Math.cos(w * t), -w * Math.sin(w * t));
    }

    @Override
    public String describe() {
        return "cosine";
    }
}
