//! Small dense numerics the solver uses: a vectorisable dot product, a Gaussian elimination for tiny systems and
//! Anderson acceleration of a fixed-point iteration (`src/model/solver/`, docs/model.md "Solving").

/// Dot product with four independent accumulators, so that the compiler can vectorise it (a single running sum
/// is a chain of dependent additions). The order of additions differs from a plain sum only by rounding.
#[inline]
pub(crate) fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0; 4];
    let chunks_a = a.chunks_exact(4);
    let chunks_b = b.chunks_exact(4);
    let tail: f64 = chunks_a.remainder().iter().zip(chunks_b.remainder()).map(|(x, y)| x * y).sum();
    for (ca, cb) in chunks_a.zip(chunks_b) {
        for lane in 0..4 {
            acc[lane] += ca[lane] * cb[lane];
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// How many past steps Anderson acceleration combines.
pub(crate) const ANDERSON_DEPTH: usize = 4;

/// Anderson acceleration (type II) of the damped wage step: the next log-wage vector is the combination of the
/// last few steps that best cancels the step residuals, in the least-squares sense. Walker & Ni (2011),
/// "Anderson acceleration for fixed-point iterations", SIAM J. Numer. Anal. 49(4). The solver clears the history
/// whenever the residual grows, so that a bad extrapolation costs at most one iteration and the plain damped
/// step takes over; when extrapolations keep overshooting without a new best residual (a two-step cycle), it
/// suspends acceleration for [`PLAIN_RUN`] iterations.
pub(crate) struct Anderson {
    depth: usize,
    points: Vec<Vec<f64>>,
    steps: Vec<Vec<f64>>,
}

impl Anderson {
    pub(crate) fn new(depth: usize, size: usize) -> Self {
        Anderson { depth, points: Vec::with_capacity(depth + 1), steps: Vec::with_capacity(size.min(depth + 1)) }
    }

    /// Whether the last step returned was an extrapolation rather than the plain damped step.
    pub(crate) fn accelerated(&self) -> bool {
        self.points.len() >= 2
    }

    pub(crate) fn clear(&mut self) {
        self.points.clear();
        self.steps.clear();
    }

    /// Record the point `x` and its damped step `f`, and return the accelerated next point.
    pub(crate) fn next(&mut self, x: &[f64], f: &[f64]) -> Vec<f64> {
        self.points.push(x.to_vec());
        self.steps.push(f.to_vec());
        if self.points.len() > self.depth + 1 {
            self.points.remove(0);
            self.steps.remove(0);
        }
        let plain: Vec<f64> = x.iter().zip(f).map(|(a, b)| a + b).collect();
        let m = self.points.len() - 1;
        if m == 0 {
            return plain;
        }
        // Differences of consecutive steps and points.
        let df: Vec<Vec<f64>> =
            (0..m).map(|c| self.steps[c + 1].iter().zip(&self.steps[c]).map(|(a, b)| a - b).collect()).collect();
        let dx: Vec<Vec<f64>> =
            (0..m).map(|c| self.points[c + 1].iter().zip(&self.points[c]).map(|(a, b)| a - b).collect()).collect();
        // Normal equations (dF' dF + ridge) gamma = dF' f, solved by Gaussian elimination (m ≤ depth).
        let mut a = vec![vec![0.0; m]; m];
        let mut rhs = vec![0.0; m];
        for r in 0..m {
            for c in 0..m {
                a[r][c] = dot(&df[r], &df[c]);
            }
            rhs[r] = dot(&df[r], f);
        }
        let trace: f64 = (0..m).map(|r| a[r][r]).sum();
        if !(trace.is_finite() && trace > 0.0) {
            self.clear();
            return plain;
        }
        for r in 0..m {
            a[r][r] += 1e-10 * trace;
        }
        let Some(gamma) = solve_small(a, rhs) else {
            self.clear();
            return plain;
        };
        let mut next = plain;
        for c in 0..m {
            for (v, (ddx, ddf)) in next.iter_mut().zip(dx[c].iter().zip(&df[c])) {
                *v -= gamma[c] * (ddx + ddf);
            }
        }
        if next.iter().all(|v| v.is_finite()) {
            next
        } else {
            self.clear();
            x.iter().zip(f).map(|(a, b)| a + b).collect()
        }
    }
}

/// Solve a small dense system by Gaussian elimination with partial pivoting; `None` if it is singular.
pub(crate) fn solve_small(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let size = b.len();
    for col in 0..size {
        let pivot = (col..size).max_by(|&r, &s| a[r][col].abs().total_cmp(&a[s][col].abs()))?;
        if a[pivot][col].abs() < 1e-300 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..size {
            let factor = a[row][col] / a[col][col];
            for c in col..size {
                a[row][c] -= factor * a[col][c];
            }
            b[row] -= factor * b[col];
        }
    }
    let mut x = vec![0.0; size];
    for row in (0..size).rev() {
        let tail: f64 = (row + 1..size).map(|c| a[row][c] * x[c]).sum();
        x[row] = (b[row] - tail) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;

    #[test]
    fn dot_matches_a_plain_sum_for_every_length() {
        for len in 0..11 {
            let a: Vec<f64> = (0..len).map(|v| v as f64 * 0.5 + 1.0).collect();
            let b: Vec<f64> = (0..len).map(|v| 2.0 - v as f64 * 0.25).collect();
            let plain: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - plain).abs() < 1e-12, "length {len}");
        }
    }

    #[test]
    fn solve_small_solves_and_detects_singular_systems() {
        let x = solve_small(vec![vec![0.0, 2.0], vec![3.0, 1.0]], vec![4.0, 5.0]).expect("regular");
        assert!((x[0] - 1.0).abs() < 1e-12 && (x[1] - 2.0).abs() < 1e-12, "{x:?}");
        assert!(solve_small(vec![vec![1.0, 2.0], vec![2.0, 4.0]], vec![1.0, 2.0]).is_none());
    }

    #[test]
    fn anderson_solves_a_linear_fixed_point_faster_than_plain_iteration() {
        // x = A x + b with a slowly contracting A; the fixed point is (I − A)^(−1) b.
        let a = [[0.9, 0.05], [0.02, 0.85]];
        let b = [1.0, 2.0];
        let step = |x: &[f64]| -> Vec<f64> { (0..2).map(|r| a[r][0] * x[0] + a[r][1] * x[1] + b[r] - x[r]).collect() };
        let exact = solve_small(vec![vec![0.1, -0.05], vec![-0.02, 0.15]], b.to_vec()).expect("regular");
        let mut anderson = Anderson::new(ANDERSON_DEPTH, 2);
        let mut x = vec![0.0, 0.0];
        for _ in 0..8 {
            let f = step(&x);
            x = anderson.next(&x, &f);
        }
        assert!((x[0] - exact[0]).abs() < 1e-9 && (x[1] - exact[1]).abs() < 1e-9, "{x:?} vs {exact:?}");
        let mut plain = vec![0.0, 0.0];
        for _ in 0..8 {
            let f = step(&plain);
            plain = plain.iter().zip(&f).map(|(p, d)| p + d).collect();
        }
        assert!((plain[0] - exact[0]).abs() > 1e-3, "plain iteration is still far after 8 steps");
    }
}
