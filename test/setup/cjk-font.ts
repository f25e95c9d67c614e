// The integration tests print certificates (GET …/card.pdf), which embed the CJK font.
import { ensureCjkFont } from './apt';

export default function setup() {
  ensureCjkFont();
}
