//! Cells of the decision table: each a unary test on one column's value, closed under
//! intersection (`and`) and complement (`not`), so that any condition becomes rows of
//! cells.

use serde::{Deserialize, Serialize};

/// One end of an interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bound {
    /// Where the interval ends.
    pub value: f64,
    /// Whether `value` itself belongs to the interval.
    pub inclusive: bool,
}

/// An interval of numbers; `None` is unbounded on that side.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// The lower end.
    pub low: Option<Bound>,
    /// The upper end.
    pub high: Option<Bound>,
}

impl Interval {
    /// Every number.
    pub const ALL: Interval = Interval {
        low: None,
        high: None,
    };

    /// Whether `x` lies in the interval.
    pub fn contains(&self, x: f64) -> bool {
        let above = match self.low {
            None => true,
            Some(b) => x > b.value || (b.inclusive && x == b.value),
        };
        let below = match self.high {
            None => true,
            Some(b) => x < b.value || (b.inclusive && x == b.value),
        };
        above && below
    }

    fn is_empty(&self) -> bool {
        match (self.low, self.high) {
            (Some(l), Some(h)) => {
                l.value > h.value || (l.value == h.value && !(l.inclusive && h.inclusive))
            }
            _ => false,
        }
    }

    fn intersect(&self, other: &Interval) -> Interval {
        Interval {
            low: tighter(self.low, other.low, true),
            high: tighter(self.high, other.high, false),
        }
    }
}

/// The tighter of two bounds of the same side.
fn tighter(a: Option<Bound>, b: Option<Bound>, low: bool) -> Option<Bound> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => {
            if a.value == b.value {
                Some(Bound {
                    value: a.value,
                    inclusive: a.inclusive && b.inclusive,
                })
            } else if (a.value > b.value) == low {
                Some(a)
            } else {
                Some(b)
            }
        }
    }
}

/// A unary test on a column's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    /// A number (percents as fractions, durations in seconds) in any of these disjoint
    /// intervals, in increasing order.
    Range(Vec<Interval>),
    /// One of these choices of an enumeration (indexes, increasing).
    Choices(Vec<usize>),
    /// A text among these (or, when `negated`, not among them).
    Text {
        /// The texts, as written in the policy.
        values: Vec<String>,
        /// Whether the test is that the text is none of them.
        negated: bool,
    },
    /// A yes/no value: a bool fact, `mentions`, `within`.
    Is(bool),
}

impl Cell {
    /// Whether no value passes the test.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Range(intervals) => intervals.is_empty(),
            Cell::Choices(choices) => choices.is_empty(),
            Cell::Text { values, negated } => !negated && values.is_empty(),
            Cell::Is(_) => false,
        }
    }

    /// The test that passes exactly the values this one fails. `choices` is how many
    /// choices the column's enumeration has.
    pub fn complement(&self, choices: usize) -> Cell {
        match self {
            Cell::Range(intervals) => Cell::Range(complement(intervals)),
            Cell::Choices(allowed) => {
                Cell::Choices((0..choices).filter(|c| !allowed.contains(c)).collect())
            }
            Cell::Text { values, negated } => Cell::Text {
                values: values.clone(),
                negated: !negated,
            },
            Cell::Is(b) => Cell::Is(!b),
        }
    }

    /// Whether some value passes both tests: `intersect(other).is_some()`, without
    /// building the intersection.
    pub fn meets(&self, other: &Cell) -> bool {
        match (self, other) {
            (Cell::Range(a), Cell::Range(b)) => a
                .iter()
                .any(|x| b.iter().any(|y| !x.intersect(y).is_empty())),
            (Cell::Choices(a), Cell::Choices(b)) => a.iter().any(|c| b.contains(c)),
            // Text sets are few and short: the intersection itself answers.
            (Cell::Text { .. }, Cell::Text { .. }) => self.intersect(other).is_some(),
            (Cell::Is(a), Cell::Is(b)) => a == b,
            _ => false,
        }
    }

    /// The test that passes the values both pass; `None` when no value does (or when the
    /// two tests are of different kinds, which the checker's types rule out).
    pub fn intersect(&self, other: &Cell) -> Option<Cell> {
        let cell = match (self, other) {
            (Cell::Range(a), Cell::Range(b)) => {
                let mut out: Vec<Interval> = Vec::new();
                for x in a {
                    for y in b {
                        let both = x.intersect(y);
                        if !both.is_empty() {
                            out.push(both);
                        }
                    }
                }
                out.sort_by(|x, y| low_key(x).total_cmp(&low_key(y)));
                Cell::Range(out)
            }
            (Cell::Choices(a), Cell::Choices(b)) => {
                Cell::Choices(a.iter().copied().filter(|c| b.contains(c)).collect())
            }
            (
                Cell::Text {
                    values: a,
                    negated: na,
                },
                Cell::Text {
                    values: b,
                    negated: nb,
                },
            ) => match (na, nb) {
                (false, false) => Cell::Text {
                    values: a.iter().filter(|v| b.contains(v)).cloned().collect(),
                    negated: false,
                },
                (false, true) | (true, false) => {
                    let (pos, neg) = if *na { (b, a) } else { (a, b) };
                    Cell::Text {
                        values: pos.iter().filter(|v| !neg.contains(v)).cloned().collect(),
                        negated: false,
                    }
                }
                (true, true) => {
                    let mut values = a.clone();
                    values.extend(b.iter().filter(|v| !a.contains(v)).cloned());
                    Cell::Text {
                        values,
                        negated: true,
                    }
                }
            },
            (Cell::Is(a), Cell::Is(b)) if a == b => Cell::Is(*a),
            _ => return None,
        };
        (!cell.is_empty()).then_some(cell)
    }
}

fn low_key(i: &Interval) -> f64 {
    i.low.map_or(f64::NEG_INFINITY, |b| b.value)
}

/// The complement of disjoint intervals in increasing order.
fn complement(intervals: &[Interval]) -> Vec<Interval> {
    let mut out = Vec::new();
    // The low end of the next gap: everything up to the first interval.
    let mut gap_low: Option<Option<Bound>> = Some(None);
    for i in intervals {
        if let Some(low) = gap_low {
            let gap = Interval {
                low,
                high: i.low.map(|b| Bound {
                    value: b.value,
                    inclusive: !b.inclusive,
                }),
            };
            // An interval unbounded below leaves no gap before it.
            if i.low.is_some() && !gap.is_empty() {
                out.push(gap);
            }
        }
        gap_low = i.high.map(|b| {
            Some(Bound {
                value: b.value,
                inclusive: !b.inclusive,
            })
        });
    }
    if let Some(low) = gap_low {
        out.push(Interval { low, high: None });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(v: f64) -> Interval {
        let b = Some(Bound {
            value: v,
            inclusive: true,
        });
        Interval { low: b, high: b }
    }

    fn holds(cell: &Cell, x: f64) -> bool {
        match cell {
            Cell::Range(i) => i.iter().any(|i| i.contains(x)),
            _ => unreachable!(),
        }
    }

    #[test]
    fn complement_and_intersection_of_numbers() {
        let not_five = Cell::Range(vec![point(5.0)]).complement(0);
        assert!(holds(&not_five, 4.9) && !holds(&not_five, 5.0) && holds(&not_five, 5.1));
        let all = Cell::Range(vec![Interval::ALL]);
        assert_eq!(all.complement(0), Cell::Range(vec![]));
        assert_eq!(Cell::Range(vec![]).complement(0), all);
        let below = Cell::Range(vec![Interval {
            low: None,
            high: Some(Bound {
                value: 0.5,
                inclusive: false,
            }),
        }]);
        let above = below.complement(0);
        assert!(holds(&above, 0.5) && !holds(&above, 0.49));
        assert_eq!(below.intersect(&above), None);
        assert!(holds(&not_five.intersect(&above).unwrap(), 6.0));
    }

    /// At every point, and at every bound above all (where `>= 5` and `> 5` differ), the
    /// intersection of two ranges holds exactly where both do, and the complement where
    /// the range does not.
    #[test]
    fn intersection_holds_exactly_where_both_do() {
        let b = |value: f64, inclusive: bool| Some(Bound { value, inclusive });
        let mut ranges = vec![Cell::Range(vec![Interval::ALL])];
        for (lo, hi) in [(None, Some(5.0)), (Some(5.0), None), (Some(2.0), Some(5.0))] {
            for (lo_inc, hi_inc) in [(true, true), (false, false), (true, false), (false, true)] {
                ranges.push(Cell::Range(vec![Interval {
                    low: lo.and_then(|v| b(v, lo_inc)),
                    high: hi.and_then(|v| b(v, hi_inc)),
                }]));
            }
        }
        // Two intervals, in increasing order as a cell keeps them.
        ranges.push(Cell::Range(vec![point(2.0), point(5.0)]));
        let points = [1.0, 2.0, 3.0, 5.0, 6.0];
        for x in &ranges {
            for p in points {
                assert_eq!(holds(&x.complement(0), p), !holds(x, p), "{x:?} at {p}");
            }
            for y in &ranges {
                let both = x.intersect(y);
                for p in points {
                    let held = both.as_ref().is_some_and(|c| holds(c, p));
                    assert_eq!(held, holds(x, p) && holds(y, p), "{x:?} and {y:?} at {p}");
                }
            }
        }
    }

    /// A text test: among `values`, or when `negated`, none of them.
    fn text(values: &[&str], negated: bool) -> Cell {
        Cell::Text {
            values: values.iter().map(|v| v.to_string()).collect(),
            negated,
        }
    }

    #[test]
    fn text_sets_with_negation() {
        let a = text(&["x", "y"], false);
        let not_x = text(&["x"], true);
        assert_eq!(a.intersect(&not_x), Some(text(&["y"], false)));
        assert_eq!(a.complement(0).intersect(&a), None);
        // Not x and not y is none of x and y, each named once.
        let not_y = text(&["y"], true);
        assert_eq!(not_x.intersect(&not_y), Some(text(&["x", "y"], true)));
        assert_eq!(not_x.intersect(&a.complement(0)), a.complement(0).into());
    }

    #[test]
    fn meets_agrees_with_intersect() {
        let b = |value: f64, inclusive: bool| Some(Bound { value, inclusive });
        let mut cells = vec![Cell::Range(vec![]), Cell::Range(vec![Interval::ALL])];
        for (lo, hi) in [(0.0, 0.5), (0.5, 1.0), (0.2, 0.2)] {
            for (li, hi_inc) in [(true, true), (false, true), (true, false)] {
                cells.push(Cell::Range(vec![Interval {
                    low: b(lo, li),
                    high: b(hi, hi_inc),
                }]));
            }
        }
        for values in [vec![], vec![0], vec![1, 2], vec![0, 2]] {
            cells.push(Cell::Choices(values));
        }
        for values in [vec![], vec!["a"], vec!["a", "b"], vec!["b"]] {
            for negated in [false, true] {
                cells.push(text(&values, negated));
            }
        }
        cells.push(Cell::Is(true));
        cells.push(Cell::Is(false));
        for x in &cells {
            for y in &cells {
                assert_eq!(x.meets(y), x.intersect(y).is_some(), "{x:?} and {y:?}");
            }
        }
    }
}
