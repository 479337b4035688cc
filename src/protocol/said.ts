// A sentence with its values, as the rules write it: what every panel shows through its one translation helper.
export { said, type Said } from '../core/said';
