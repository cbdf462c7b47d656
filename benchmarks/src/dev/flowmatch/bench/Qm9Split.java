package dev.flowmatch.bench;

import java.util.List;

import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.train.TrainingData;

/**
 * The QM9 training set of the training benchmarks: n + 1,000 records spread over the whole file (every
 * stride-th record; the file is sorted by size), split by {@link TrainingData#split} (seed 1) into n for
 * training and 1,000 held out, as point clouds and as molecules.
 */
record Qm9Split(Qm9Clouds all, int stride, List<PointCloud> train, List<PointCloud> validation,
    List<IAtomContainer> trainMolecules, List<IAtomContainer> validationMolecules) {

    static Qm9Split spread(final int n) throws Exception {
        int stride = Math.max(1, 128_000 / (n + 1000));
        var qm9 = Qm9Clouds.read(i -> i % stride == 0, n + 1000);
        int size = qm9.clouds().size();
        var split = TrainingData.split(size, 1000.0 / size, 1);
        return new Qm9Split(qm9, stride, TrainingData.pick(qm9.clouds(), split[0]),
            TrainingData.pick(qm9.clouds(), split[1]), TrainingData.pick(qm9.molecules(), split[0]),
            TrainingData.pick(qm9.molecules(), split[1]));
    }

    TrainingData data() {
        return TrainingData.of(train, validation);
    }
}
