//! The rows of a decision table as boxes in the space of column values, and the exact
//! questions the lints ask of them: is a box empty, do two boxes overlap, is a box
//! covered by the union of others.
//!
//! A box holds a cell for each column it constrains, by column (a column it leaves out
//! takes every value the column can take), so that copying a box costs what it
//! constrains, not the width of the table. Numbers are kept inside the range
//! their column can take (a percent from 0 to 1, `sentiment` from -1 to 1, counts and
//! durations from 0 up). One dependency between columns is known: a phrase set the
//! latest message mentions is also mentioned by the conversation, so a box asking for
//! the first and not the second is empty.
//!
//! Coverage subtracts boxes: `R - B` is at most one box per column `B` constrains (the
//! part of `R` outside `B` on that column and inside it on the columns before), and `R`
//! is covered when every such piece is covered by the boxes left. This is exact, unlike
//! comparing rows pairwise: two rules above may together cover a rule neither covers
//! alone.

use crate::check::model::{Signal, Type};
use crate::compile::{Bound, Cell, Column, DecisionTable, Interval, Row};
use crate::syntax::ast::Scope;

/// A row as `(column, cell)` for each column it constrains, in column order; a column
/// left out takes every value.
pub type Region = Vec<(usize, Cell)>;

/// The cell of `column` in `region`, if it constrains it.
fn get(region: &[(usize, Cell)], column: usize) -> Option<&Cell> {
    region
        .binary_search_by_key(&column, |(c, _)| *c)
        .ok()
        .and_then(|i| region.get(i))
        .map(|(_, cell)| cell)
}

/// Sets the cell of `column` in `region`.
fn set(region: &mut Region, column: usize, cell: Cell) {
    match region.binary_search_by_key(&column, |(c, _)| *c) {
        Ok(i) => {
            if let Some(slot) = region.get_mut(i) {
                slot.1 = cell;
            }
        }
        Err(i) => region.insert(i, (column, cell)),
    }
}

/// The values a column can take.
#[derive(Clone, Debug)]
enum Domain {
    Numbers(Interval),
    Choices(usize),
    /// Texts and yes/no values: any.
    Any,
}

/// The columns of one table, with what each can hold.
pub struct Space {
    domains: Vec<Domain>,
    /// `(message column, conversation column)` of each phrase set tested both ways.
    implied: Vec<(usize, usize)>,
}

fn at_least(value: f64) -> Interval {
    Interval {
        low: Some(Bound {
            value,
            inclusive: true,
        }),
        high: None,
    }
}

impl Space {
    pub fn new(table: &DecisionTable) -> Space {
        let domains = table
            .columns
            .iter()
            .map(|column| match *column {
                Column::Fact(f) => match table.facts.get(f).map(|f| &f.ty) {
                    Some(Type::Percent) => Domain::Numbers(Interval {
                        low: Some(Bound {
                            value: 0.0,
                            inclusive: true,
                        }),
                        high: Some(Bound {
                            value: 1.0,
                            inclusive: true,
                        }),
                    }),
                    Some(Type::Duration) => Domain::Numbers(at_least(0.0)),
                    Some(Type::Number) => Domain::Numbers(Interval::ALL),
                    Some(Type::Choice(values)) => Domain::Choices(values.len()),
                    _ => Domain::Any,
                },
                Column::Signal(s) => match table.signals.get(s) {
                    Some(Signal::Sentiment) => Domain::Numbers(Interval {
                        low: Some(Bound {
                            value: -1.0,
                            inclusive: true,
                        }),
                        high: Some(Bound {
                            value: 1.0,
                            inclusive: true,
                        }),
                    }),
                    Some(_) => Domain::Numbers(at_least(0.0)),
                    None => Domain::Any,
                },
                Column::Mentions { .. } | Column::Within(_) => Domain::Any,
            })
            .collect();
        let mut implied = Vec::new();
        for (m, column) in table.columns.iter().enumerate() {
            if let Column::Mentions {
                scope: Scope::Message,
                set,
            } = *column
            {
                let conversation = table.columns.iter().position(|c| {
                    *c == Column::Mentions {
                        scope: Scope::Conversation,
                        set,
                    }
                });
                if let Some(c) = conversation {
                    implied.push((m, c));
                }
            }
        }
        Space { domains, implied }
    }

    /// The cell a column has when nothing constrains it, where one is needed to compute a
    /// complement; `None` for columns whose "any" is best left as `None`.
    fn full(&self, column: usize) -> Option<Cell> {
        match self.domains.get(column)? {
            Domain::Numbers(i) => Some(Cell::Range(vec![*i])),
            Domain::Choices(n) => Some(Cell::Choices((0..*n).collect())),
            Domain::Any => None,
        }
    }

    fn choices(&self, column: usize) -> usize {
        match self.domains.get(column) {
            Some(Domain::Choices(n)) => *n,
            _ => 0,
        }
    }

    /// A row as a region, its numbers clipped to what their columns can take; `None` when
    /// no request can fall in it.
    pub fn region(&self, row: &Row) -> Option<Region> {
        let mut region: Region = Vec::with_capacity(row.cells.len());
        for (column, cell) in &row.cells {
            let cell = match get(&region, *column).or(self.full(*column).as_ref()) {
                Some(before) => before.intersect(cell)?,
                None => cell.clone(),
            };
            set(&mut region, *column, cell);
        }
        (!self.is_empty(&region)).then_some(region)
    }

    pub fn is_empty(&self, region: &[(usize, Cell)]) -> bool {
        region.iter().any(|(_, cell)| cell.is_empty())
            || self.implied.iter().any(|&(m, c)| {
                matches!(get(region, m), Some(Cell::Is(true)))
                    && matches!(get(region, c), Some(Cell::Is(false)))
            })
    }

    /// Whether some value is in both regions: `intersect(a, b).is_some()`, without
    /// building the intersection.
    pub fn overlaps(&self, a: &[(usize, Cell)], b: &[(usize, Cell)]) -> bool {
        // Both in column order: walked side by side, only shared columns compared.
        let (mut i, mut j) = (0, 0);
        while let (Some((ca, x)), Some((cb, y))) = (a.get(i), b.get(j)) {
            match ca.cmp(cb) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    if !x.meets(y) {
                        return false;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        let is = |r: &[(usize, Cell)], column: usize, value: bool| matches!(get(r, column), Some(Cell::Is(v)) if *v == value);
        !self.implied.iter().any(|&(m, c)| {
            (is(a, m, true) || is(b, m, true)) && (is(a, c, false) || is(b, c, false))
        })
    }

    /// Whether the union of `others` holds every value of every region of `mine`; `None`
    /// when the budget runs out first.
    pub fn covers_all(
        &self,
        mine: &[Region],
        others: &[&Region],
        budget: &mut usize,
    ) -> Option<bool> {
        for region in mine {
            if !self.covered(region, others, budget)? {
                return Some(false);
            }
        }
        Some(true)
    }

    /// Whether the union of `others` holds every value `region` holds. `budget` counts the
    /// pieces examined; `None` when it runs out before the answer is known.
    pub fn covered(
        &self,
        region: &[(usize, Cell)],
        others: &[&Region],
        budget: &mut usize,
    ) -> Option<bool> {
        let Some((first, rest)) = others.split_first() else {
            return Some(false);
        };
        *budget = budget.checked_sub(1)?;
        if !self.overlaps(region, first) {
            return self.covered(region, rest, budget);
        }
        // region - first: for each column `first` constrains, the part of the region
        // outside it there and inside it on the columns before.
        let mut inside: Region = region.to_vec();
        for (column, cell) in first.iter() {
            let column = *column;
            let outside = cell.complement(self.choices(column));
            let full = self.full(column);
            let mine = get(&inside, column).or(full.as_ref());
            let here = match mine {
                Some(mine) => mine.intersect(&outside),
                None => (!outside.is_empty()).then_some(outside),
            };
            if let Some(here) = here {
                let mut piece = inside.clone();
                set(&mut piece, column, here);
                if !self.is_empty(&piece) && !self.covered(&piece, rest, budget)? {
                    return Some(false);
                }
            }
            let within = match mine {
                Some(mine) => match mine.intersect(cell) {
                    Some(both) => both,
                    // Nothing of the region is inside `first`: every piece is checked.
                    None => return Some(true),
                },
                None => cell.clone(),
            };
            set(&mut inside, column, within);
        }
        Some(true)
    }
}
