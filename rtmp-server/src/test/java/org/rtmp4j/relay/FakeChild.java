package org.rtmp4j.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The small process exec relay tests supervise, run as {@code java -cp ... FakeChild MODE ARGS} so no
 * shell or Unix tool is needed. Modes: {@code print ARGS...} prints each argument as {@code arg:X} and
 * runs until ended; {@code exit CODE} prints {@code bye} and exits with CODE; {@code stubborn} ignores
 * TERM (needs KILL); {@code spawn} starts a {@code stubborn} child, prints {@code child:PID} and runs
 * until ended; {@code flood N} prints N long lines and exits 0; {@code supervise} runs an exec relay of
 * {@code print}, prints {@code child:PID} and calls {@code System.exit(0)} without stopping it.
 */
public final class FakeChild {
    private FakeChild() {}

    /** @return the command line running this class with {@code args} */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx32m", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                FakeChild.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** @param args the mode and its arguments */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "print" -> {
                for (int i = 1; i < args.length; i++) {
                    System.out.println("arg:" + args[i]);
                }
                System.out.flush();
                runUntilEnded();
            }
            case "exit" -> {
                System.out.println("bye");
                System.out.flush();
                System.exit(Integer.parseInt(args[1]));
            }
            case "stubborn" -> {
                sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> System.out.println("ignoring TERM"));
                System.out.println("stubborn");
                System.out.flush();
                runUntilEnded();
            }
            case "spawn" -> {
                Process child = new ProcessBuilder(command("stubborn")).inheritIO().start();
                System.out.println("child:" + child.pid());
                System.out.flush();
                runUntilEnded();
            }
            case "flood" -> {
                String line = "x".repeat(5000);
                for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                    System.out.println(i + line);
                }
                System.out.flush();
            }
            case "supervise" -> {
                ExecRelay relay = new ExecRelay("exec-1", "live/cam", ExecCommand.parse("fake"), command("print", "left"),
                        ExecOptions.DEFAULT.withLiveAfter(Duration.ZERO), new Relays()).start();
                while (relay.pid().isEmpty()) {
                    Thread.sleep(10); // a helper process's main thread, not a test
                }
                System.out.println("child:" + relay.pid().getAsLong());
                System.out.flush();
                System.exit(0);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void runUntilEnded() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE); // this process's whole job is to wait for TERM or KILL
    }
}
