fn main() {
    liuke::start();
}
