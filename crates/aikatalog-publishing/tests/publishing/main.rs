//! The publishing service against real databases (both backends), for what the API's tests do
//! not reach: the pages' revision guard and withdrawing an adoption.

mod adoptions;
mod editing;
mod util;
