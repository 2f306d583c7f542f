package org.gantry.djl.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.gantry.djl.PredictionInputException;
import org.gantry.djl.TrainedModel;

/**
 * Puts the rows of requests that arrive together through the model in one forward pass: one
 * worker thread takes whatever waits (up to {@code maxRows} rows), predicts, and hands each
 * request its share. Under load a pass serves many requests; alone, a request waits for nothing.
 * A batch the model refuses is predicted request by request, so each refusal names its own rows.
 */
final class PredictionBatcher implements AutoCloseable {
    private record Request(List<Map<String, Object>> rows, CompletableFuture<double[]> answer) {}

    private final TrainedModel model;
    private final int maxRows;
    private final BlockingQueue<Request> waiting = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean closed;

    PredictionBatcher(TrainedModel model, int maxRows) {
        this.model = model;
        this.maxRows = maxRows;
        this.worker = new Thread(this::work, "gantry-predict");
        worker.setDaemon(true);
        worker.start();
    }

    CompletableFuture<double[]> predict(List<Map<String, Object>> rows) {
        CompletableFuture<double[]> answer = new CompletableFuture<>();
        if (closed) {
            answer.completeExceptionally(new IllegalStateException("the replica is stopping"));
        } else {
            waiting.add(new Request(rows, answer));
        }
        return answer;
    }

    private void work() {
        List<Request> batch = new ArrayList<>();
        while (!closed) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            int rows = batch.get(0).rows().size();
            while (rows < maxRows && waiting.peek() != null && rows + waiting.peek().rows().size() <= maxRows) {
                Request next = waiting.poll();
                rows += next.rows().size();
                batch.add(next);
            }
            run(batch);
            batch.clear();
        }
    }

    private void run(List<Request> batch) {
        if (batch.size() == 1) {
            answer(batch.get(0));
            return;
        }
        List<Map<String, Object>> all = new ArrayList<>();
        batch.forEach(request -> all.addAll(request.rows()));
        double[] predictions;
        try {
            predictions = model.predict(all);
        } catch (PredictionInputException refused) {
            batch.forEach(this::answer);
            return;
        } catch (RuntimeException e) {
            batch.forEach(request -> request.answer().completeExceptionally(e));
            return;
        }
        int from = 0;
        for (Request request : batch) {
            double[] share = new double[request.rows().size()];
            System.arraycopy(predictions, from, share, 0, share.length);
            from += share.length;
            request.answer().complete(share);
        }
    }

    private void answer(Request request) {
        try {
            request.answer().complete(model.predict(request.rows()));
        } catch (RuntimeException e) {
            request.answer().completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        waiting.forEach(request -> request.answer().completeExceptionally(new IllegalStateException("stopping")));
    }
}
