package dev.knobs.tribuo.augment;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import dev.knobs.nn.augment.ElasticDistortion;
import dev.knobs.nn.augment.ImageTransform;

/**
 * Elastic distortion of every training image (Simard, Steinkraus and Platt 2003): pixels move by
 * a smooth random field of strength {@code alpha} and smoothness {@code sigma}; nn-core's
 * {@link ElasticDistortion} gives the formulas. The defaults (10, 4) move pixels by about 0.4
 * pixels, milder than Simard's (34, 4), which suits a fully connected network.
 */
public final class ElasticAugmentation implements Augmentation {

    @Config(description = "Strength: how far the smoothed random field moves pixels (>= 0).")
    private double alpha = 10;

    @Config(description = "Smoothness: standard deviation of the Gaussian blur of the field, in pixels [0.1, 100].")
    private double sigma = 4;

    private ElasticDistortion transform;

    private ElasticAugmentation() {}

    public ElasticAugmentation(double alpha, double sigma) {
        this.alpha = alpha;
        this.sigma = sigma;
        postConfig();
    }

    @Override
    public void postConfig() {
        try {
            transform = new ElasticDistortion(alpha, sigma, 0f);
        } catch (IllegalArgumentException e) {
            throw new PropertyException("", "", e.getMessage());
        }
    }

    @Override
    public ImageTransform transform() {
        return transform;
    }

    @Override
    public String toString() {
        return "elastic(alpha " + alpha + ", sigma " + sigma + ")";
    }
}
