//! `aksnet`: the planner's engine on the command line.
fn main() {
    println!("{}", aksnet_core::PRODUCT);
}
