//! How the solver's flat arrays are laid out, named once (issue 26: no inline index sums in the equations). The
//! subscripts are docs/model.md's: `n` the importing (or producing) country, `i` the exporter, `j` and `k` sectors.

use std::ops::Range;

/// The shape of one economy's arrays: `nc` countries, `ns` sectors.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout {
    pub nc: usize,
    pub ns: usize,
}

impl Layout {
    /// `[n][j]`: a country's sector (costs, prices, absorption, output, shares of value added).
    #[inline]
    pub fn cs(self, n: usize, j: usize) -> usize {
        n * self.ns + j
    }

    /// Country `n`'s row of a `[n][j]` array.
    #[inline]
    pub fn country(self, n: usize) -> Range<usize> {
        n * self.ns..(n + 1) * self.ns
    }

    /// `[j][n]`: a sector's country, for loops that run over countries inside a sector (cost powers, output).
    #[inline]
    pub fn sc(self, j: usize, n: usize) -> usize {
        j * self.nc + n
    }

    /// Sector `j`'s row of a `[j][n]` array.
    #[inline]
    pub fn sector(self, j: usize) -> Range<usize> {
        j * self.nc..(j + 1) * self.nc
    }

    /// `[j][n][i]`: where importer `n`'s suppliers of sector `j` start in a bilateral array.
    #[inline]
    pub fn pair(self, j: usize, n: usize) -> usize {
        (j * self.nc + n) * self.nc
    }

    /// Importer `n`'s suppliers of sector `j` in a bilateral array.
    #[inline]
    pub fn suppliers(self, j: usize, n: usize) -> Range<usize> {
        self.pair(j, n)..self.pair(j, n) + self.nc
    }

    /// `[n][j][k]`: an input–output cell.
    #[inline]
    pub fn io_at(self, n: usize, j: usize, k: usize) -> usize {
        (n * self.ns + j) * self.ns + k
    }

    /// Row `[n][j][·]` of an input–output array.
    #[inline]
    pub fn io(self, n: usize, j: usize) -> Range<usize> {
        (n * self.ns + j) * self.ns..(n * self.ns + j + 1) * self.ns
    }
}
