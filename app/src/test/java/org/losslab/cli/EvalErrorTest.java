package org.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.losslab.cli.CliRun.run;

import org.junit.jupiter.api.Test;

/** Bad input to {@code eval}: exit status 2 and one line on standard error that names the problem. */
class EvalErrorTest {

    @Test
    void unknownLossListsTheValidNames() {
        String line = run("eval", "--loss", "hubr", "--target", "1", "--prediction", "1")
                .assertBadInput("unknown loss 'hubr'", "valid names:");
        for (String id : new String[] {"mse", "huber", "bce_logits", "cce_logits", "kl"}) {
            assertTrue(line.contains(id), line);
        }
    }

    @Test
    void unknownParameterNamesTheParametersThatExist() {
        run("eval", "--loss", "huber:dleta=1", "--target", "1", "--prediction", "1")
                .assertBadInput("unknown parameter 'dleta'", "delta");
    }

    @Test
    void parameterOutOfRangeNamesItsRange() {
        run("eval", "--loss", "quantile:tau=1.5", "--target", "1", "--prediction", "1")
                .assertBadInput("tau", "[0, 1]", "1.5");
    }

    @Test
    void parameterThatIsNotANumber() {
        run("eval", "--loss", "huber:delta=big", "--target", "1", "--prediction", "1")
                .assertBadInput("delta", "'big' is not a number");
    }

    @Test
    void lengthsThatDiffer() {
        run("eval", "--loss", "mse", "--target", "1,2,3", "--prediction", "1,2")
                .assertBadInput("target has 3 values but prediction has 2");
    }

    @Test
    void aPredictionThatIsNotANumberIsNamedByIndex() {
        run("eval", "--loss", "mse", "--target", "1,2", "--prediction", "1,abc")
                .assertBadInput("prediction[1]: 'abc' is not a number");
        run("eval", "--loss", "mse", "--target", "1,,2", "--prediction", "1,2,3")
                .assertBadInput("target[1]: '' is not a number");
        run("eval", "--loss", "mse", "--target", "1", "--prediction", "nan")
                .assertBadInput("prediction[0]: 'nan' is not a number");
    }

    @Test
    void labelsOutsideTheLossDomain() {
        run("eval", "--loss", "hinge", "--target", "1,0", "--prediction", "1,1")
                .assertBadInput("target[1]", "-1 or +1");
        run("eval", "--loss", "bce", "--target", "1", "--prediction", "1.5")
                .assertBadInput("prediction[0]", "[0, 1]");
        run("eval", "--loss", "cce_logits", "--shape", "1,3", "--target", "3", "--prediction", "1,2,3")
                .assertBadInput("target[0] = 3", "class index", "0..2");
        run("eval", "--loss", "kl", "--target", "0.5,0.5", "--prediction", "1.2,-0.2")
                .assertBadInput("prediction[0]", "probability");
    }

    @Test
    void missingTargetOrPrediction() {
        run("eval", "--loss", "mse", "--prediction", "1").assertBadInput("missing --target");
        run("eval", "--loss", "mse", "--target", "1").assertBadInput("missing --prediction");
        run("eval", "--target", "1", "--prediction", "1").assertBadInput("missing --loss", "mse");
        run("eval").assertBadInput("--loss", "--target", "--prediction");
    }

    @Test
    void emptyListsAreRejected() {
        run("eval", "--loss", "mse", "--target", "", "--prediction", "1").assertBadInput("target has no values");
    }

    @Test
    void badShapes() {
        String[] base = {"eval", "--loss", "cce_logits", "--target", "0", "--prediction", "1,2", "--shape"};
        run(with(base, "2")).assertBadInput("shape must be B,K", "'2'");
        run(with(base, "a,b")).assertBadInput("shape must be B,K");
        run(with(base, "0,2")).assertBadInput("B >= 1");
        run(with(base, "1,-2")).assertBadInput("K >= 1");
        run(with(base, "100000,100000")).assertBadInput("too many entries");
        run(with(base, "2,2")).assertBadInput("prediction has 2 values", "2,2", "needs 4");
    }

    @Test
    void cceLogitsWithoutShapeSaysToPassIt() {
        run("eval", "--loss", "cce_logits", "--target", "0", "--prediction", "1,2")
                .assertBadInput("cce_logits needs --shape B,K");
    }

    @Test
    void aResultThatIsNotFiniteIsAnError() {
        run("eval", "--loss", "mse", "--target", "1,2", "--prediction", "1,inf", "--json")
                .assertBadInput("not finite", "prediction[1] = inf");
        run("eval", "--loss", "mse", "--target", "1", "--prediction", "1e400")
                .assertBadInput("not finite");
    }

    @Test
    void infiniteInputsWithAFiniteResultAreFine() {
        // bce_logits at z = +inf with label 1 costs nothing: softplus(-inf) = 0, gradient -sigma(-inf) = 0.
        CliRun r = run("eval", "--loss", "bce_logits", "--target", "1", "--prediction", "inf", "--json").assertOk();
        assertTrue(r.out().contains("\"value\":0.0"), r.out());
    }

    @Test
    void batchCannotBeMixedWithSingleInputs() {
        run("eval", "--batch", "-", "--loss", "mse").assertBadInput("--batch", "--loss");
    }

    @Test
    void picocliErrorsAreOneLineToo() {
        run("eval", "--loss", "mse", "--target", "1", "--prediction", "1", "--bogus").assertBadInput("--bogus");
        run("eval", "--loss", "mse", "--loss", "mae", "--target", "1", "--prediction", "1")
                .assertBadInput("--loss");
        run("eval", "--loss", "mse", "--target", "1", "2", "--prediction", "1").assertBadInput("2");
    }

    private static String[] with(String[] base, String last) {
        String[] args = java.util.Arrays.copyOf(base, base.length + 1);
        args[base.length] = last;
        return args;
    }
}
