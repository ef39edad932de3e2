export async function main(argv: string[]): Promise<number> {
  console.log('lab', argv.slice(2).join(' '));
  return 0;
}
