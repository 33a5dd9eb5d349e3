package org.rtmp4j.amf;

import java.util.Random;

/** The inputs of the AMF0 and AMF3 limits tests' random rounds: random bytes and mutated golden encodings. */
final class FuzzInputs {
    private FuzzInputs() {
    }

    /**
     * @param random the round's seeded source
     * @param golden a valid encoding holding every marker
     * @param round the round number: even rounds are random bytes (up to 39, the first a marker below 0x13), odd
     *     ones {@code golden} with one to three bytes overwritten
     * @return the input of the round
     */
    static byte[] randomOrMutated(Random random, byte[] golden, int round) {
        byte[] input;
        if (round % 2 == 0) {
            input = new byte[random.nextInt(40)];
            random.nextBytes(input);
            if (input.length > 0) {
                input[0] = (byte) random.nextInt(0x13);
            }
        } else {
            input = golden.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                input[random.nextInt(input.length)] = (byte) random.nextInt(256);
            }
        }
        return input;
    }
}
