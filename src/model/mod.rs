//! Value types shared by the programmes' data models: 是/否 answers, figures that a school
//! splits into 教師 and 職員工, dates, attachments, and the people a form names.

mod answer;
mod date;
mod figure;
mod fixed;
mod people;

pub use answer::YesNo;
pub use date::Date;
pub use figure::{Figure, Group};
pub use fixed::{group_digits, plain_number, Fixed};
pub use people::{Contact, Person, Testimonial};
