// Pages that fetch while they draw: when renders overlap (two live updates in quick succession),
// only the newest may draw, or the page shows its parts twice.
export class LatestRender {
  private latest = 0;

  // Starts a render; the returned function tells, when it is time to draw, whether this render
  // is still the newest.
  start(): () => boolean {
    const mine = ++this.latest;
    return () => mine === this.latest;
  }
}
