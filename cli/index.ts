// The CLI's entry: run the command named on the command line and exit with its status.
import './aiaas';
import './homewizard'; // registers `homewizard` and `bridge`
import './log';
import { main } from './main';
import '../server/command'; // meter-sheets serve: the Excel add-in server

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`meter-sheets: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
