//! Runs jobs on a few threads and hands their outcomes on in input order.

use std::collections::BTreeMap;
use std::io;
use std::sync::mpsc::{channel, sync_channel};
use std::sync::{Arc, Mutex};

/// Runs `work` on every job on `threads` threads and gives the outcomes to
/// `write` in the order of the jobs. At most two jobs per thread are in
/// flight (read, extracted or waiting for an earlier one to be written), so
/// memory stays bounded whatever the number of inputs. Stops at the first
/// error of `write`.
pub fn ordered<J, O, W, F>(
    jobs: impl Iterator<Item = J> + Send,
    threads: usize,
    work: W,
    mut write: F,
) -> io::Result<()>
where
    J: Send,
    O: Send,
    W: Fn(J) -> O + Sync,
    F: FnMut(O) -> io::Result<()>,
{
    if threads <= 1 {
        for job in jobs {
            write(work(job))?;
        }
        return Ok(());
    }
    let work = &work;
    std::thread::scope(|s| {
        let window = threads * 2;
        let (job_tx, job_rx) = sync_channel::<(usize, J)>(threads);
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (done_tx, done_rx) = channel::<(usize, O)>();
        // A token per job in flight, returned when its outcome is written:
        // bounds the outcomes waiting for an earlier one.
        let (token_tx, token_rx) = sync_channel::<()>(window);
        for _ in 0..window {
            let _ = token_tx.send(());
        }
        s.spawn(move || {
            for (i, job) in jobs.enumerate() {
                if token_rx.recv().is_err() || job_tx.send((i, job)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..threads {
            let job_rx = Arc::clone(&job_rx);
            let done_tx = done_tx.clone();
            s.spawn(move || {
                loop {
                    let next = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => break,
                    };
                    let Ok((i, job)) = next else { break };
                    if done_tx.send((i, work(job))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (i, outcome) in done_rx {
            waiting.insert(i, outcome);
            while let Some(outcome) = waiting.remove(&next) {
                // On error, returning drops the receivers and the token
                // sender, which stops the producer and the workers.
                write(outcome)?;
                next += 1;
                let _ = token_tx.send(());
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order_and_stops_on_error() {
        for threads in [1, 2, 5] {
            let mut seen = Vec::new();
            ordered(
                0..200u64,
                threads,
                |i| {
                    std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 300));
                    i * 2
                },
                |o| {
                    seen.push(o);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(seen, (0..200).map(|i| i * 2).collect::<Vec<_>>());
            let mut n = 0;
            let r = ordered(
                0..1000u64,
                threads,
                |i| i,
                |_| {
                    n += 1;
                    if n == 10 { Err(io::Error::other("full")) } else { Ok(()) }
                },
            );
            assert!(r.is_err() && n == 10);
        }
    }
}
