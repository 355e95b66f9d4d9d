package com.kippu.devices.sim;

import static jpos.POSPrinterConst.*;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jpos.JposConst;
import jpos.JposException;
import jpos.services.POSPrinterService114;

/**
 * A JavaPOS POSPrinter service with one roll station (PTR_S_RECEIPT) whose paper is a directory:
 * each cut ends a document, written as {@code <prefix>-0001.txt} (UTF-8) and, unless disabled, a
 * PNG of the same document. Text with escape sequences, QR codes and Code 128 (printBarCode),
 * bitmaps (printBitmap, printMemoryBitmap), cuts, transaction printing, AsyncMode with
 * OutputCompleteEvent and ErrorEvent retry/clear; synchronous output while asynchronous output is
 * outstanding is refused with JPOS_E_BUSY. A ticket printer is a second logical device of this
 * class with its own directory and prefix, or, with {@code slipStation}, the slip station of the
 * same device.
 *
 * <p>The optional slip station (PTR_S_SLIP) takes cut-sheet forms (ticket stock) from a feeder:
 * beginInsertion/endInsertion load a blank form, output to the slip goes onto it, and
 * beginRemoval/endRemoval eject it, which ends the document. The slip has no cutter and no paper
 * sensor beyond SlpEmpty (no form in the slip); output with no form inserted is
 * JPOS_EPTR_SLP_EMPTY.
 *
 * <p>Output is all-or-nothing per call, and per transaction in PTR_TP_TRANSACTION mode: the data is
 * tried on a copy of the paper, and only when the roll ({@link SimulatedPaper}) holds all of it is
 * anything written; otherwise the roll is empty and JPOS_EPTR_REC_EMPTY is reported.
 *
 * <p>jpos.xml properties: {@code outputDirectory} (String, required, created if missing; relative
 * paths resolve against the working directory), {@code filePrefix} (String, default "receipt"),
 * {@code recLineChars} (Integer, default 42, also the slip's line width), {@code renderPng}
 * (Boolean, default true), {@code slipStation} (Boolean, default false). One printer per output
 * directory and prefix.
 */
public class SimulatedPosPrinter extends AbstractSimulatedService implements POSPrinterService114 {

  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
  private static final System.Logger LOG = System.getLogger(SimulatedPosPrinter.class.getName());

  /** One buffered piece of output, applied to a paper; finished documents go to {@code cut}. */
  private interface PaperOp {
    void apply(ReceiptPaper paper, List<List<ReceiptPaper.Line>> cut);
  }

  private interface Output {
    void run() throws JposException;
  }

  private Path outputDirectory;
  private String filePrefix = "receipt";
  private Pattern documentFile;
  private int lineChars = 42;
  private boolean renderPng = true;
  // Guards the paper and document numbering; separate from the service lock so that queued
  // asynchronous output never waits for a thread that holds the service (e.g. while disabling).
  private final Object paperLock = new Object();
  private final Runnable paperListener = this::onPaperChanged;
  private ReceiptPaper paper;
  private boolean slipPresent;
  private ReceiptPaper slip; // the inserted form; null when the slip is empty
  private boolean inserting; // between beginInsertion and endInsertion
  private boolean removing; // between beginRemoval and endRemoval
  private int transactionStation;
  private SimulatedPaper.Roll roll;
  private SimulatedPaper.Level lastLevel;
  private int lastDocument;
  private ExecutorService asyncWorker;
  private boolean asyncMode;
  private int outputId;
  private boolean flagWhenIdle;
  private int queuedAsync; // asynchronous requests not started yet
  private int runningAsync; // started and not ended: printing or waiting on an error
  private long outputGeneration; // bumped by clearOutput and ER_CLEAR: queued output is dropped
  private List<PaperOp> transaction; // non-null between PTR_TP_TRANSACTION and PTR_TP_NORMAL
  private boolean transactionLost;
  private int errorLevel = PTR_EL_NONE;
  private int errorStation = PTR_S_RECEIPT;
  private String errorString = "";
  private int mapMode = PTR_MM_DOTS;
  private boolean recLetterQuality;
  private int recLineHeight = ReceiptPaper.DOTS_PER_LINE;
  private int recLineSpacing = 30;

  @Override
  public void configure(Map<String, Object> props) throws JposException {
    Object dir = props.get("outputDirectory");
    if (!(dir instanceof String s) || s.isBlank()) {
      throw illegal("property outputDirectory (String) is required");
    }
    Object chars = props.getOrDefault("recLineChars", 42);
    if (!(chars instanceof Integer n) || n < 16 || n > 96) {
      throw illegal("property recLineChars must be an Integer between 16 and 96");
    }
    Object png = props.getOrDefault("renderPng", Boolean.TRUE);
    if (!(png instanceof Boolean b)) {
      throw illegal("property renderPng must be a Boolean");
    }
    Object slipProp = props.getOrDefault("slipStation", Boolean.FALSE);
    if (!(slipProp instanceof Boolean withSlip)) {
      throw illegal("property slipStation must be a Boolean");
    }
    Object prefix = props.getOrDefault("filePrefix", "receipt");
    if (!(prefix instanceof String p) || !PREFIX.matcher(p).matches()) {
      throw illegal("property filePrefix must match " + PREFIX.pattern());
    }
    Object name = props.get("deviceName");
    if (name != null && !(name instanceof String d && !d.isBlank())) {
      throw illegal("property deviceName must be a non-empty String");
    }
    super.configure(props);
    this.outputDirectory = Path.of(s);
    this.lineChars = n;
    this.renderPng = b;
    this.filePrefix = p;
    this.slipPresent = withSlip;
    this.documentFile = Pattern.compile(Pattern.quote(p) + "-(\\d+)\\.txt");
  }

  /** Where documents are written. */
  public Path outputDirectory() {
    return outputDirectory;
  }

  @Override
  protected String description() {
    return filePrefix + " printer";
  }

  @Override
  protected void onOpen() throws JposException {
    if (outputDirectory == null) {
      throw new JposException(
          JposConst.JPOS_E_NOSERVICE, name() + ": not configured (outputDirectory missing)");
    }
    if (documentFile == null) {
      documentFile = Pattern.compile(Pattern.quote(filePrefix) + "-(\\d+)\\.txt");
    }
    paper = new ReceiptPaper(lineChars);
    roll = SimulatedPaper.roll(logicalNameForPaper());
    roll.addListener(paperListener);
  }

  private String logicalNameForPaper() {
    return physicalDeviceKey();
  }

  @Override
  protected Set<String> propertiesReadLater() {
    return Set.of("deviceName");
  }

  @Override
  protected String physicalDeviceKey() {
    return stringProperty("deviceName", logicalName());
  }

  @Override
  protected void onClose() {
    roll.removeListener(paperListener);
    synchronized (this) {
      transaction = null;
      inserting = false;
      removing = false;
    }
  }

  @Override
  protected synchronized void onEnable() throws JposException {
    try {
      Files.createDirectories(outputDirectory);
      synchronized (paperLock) {
        lastDocument = highestDocumentNumber();
      }
    } catch (IOException e) {
      throw new JposException(
          JposConst.JPOS_E_NOHARDWARE,
          name() + ": output directory " + outputDirectory + " is not usable: " + e,
          e);
    }
    lastLevel = roll.level();
    asyncWorker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "printer-" + name());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  protected void onDisable() {
    ExecutorService worker;
    synchronized (this) {
      worker = asyncWorker;
      asyncWorker = null;
    }
    if (worker != null) {
      worker.shutdown(); // output already accepted is still printed, then the thread ends
    }
  }

  @Override
  protected void onPowerRestored() {
    // A printer that lost power lost its buffer: uncut lines and the open transaction.
    synchronized (paperLock) {
      paper.clear();
      if (slip != null) {
        slip = new ReceiptPaper(lineChars); // the form stays in; what was buffered is gone
      }
    }
    synchronized (this) {
      if (transaction != null) {
        transaction = null;
        transactionLost = true;
      }
    }
  }

  @Override
  protected synchronized boolean outputPending() {
    return queuedAsync + runningAsync > 0;
  }

  private void onPaperChanged() {
    SimulatedPaper.Level now = roll.level();
    boolean report;
    synchronized (this) {
      report = now != lastLevel && deviceEnabledQuietly();
      lastLevel = now;
    }
    if (report) {
      fireStatusUpdate(
          switch (now) {
            case OK -> PTR_SUE_REC_PAPEROK;
            case NEAR_END -> PTR_SUE_REC_NEAREMPTY;
            case EMPTY -> PTR_SUE_REC_EMPTY;
          });
    }
  }

  private boolean deviceEnabledQuietly() {
    try {
      return getDeviceEnabled();
    } catch (JposException e) {
      return false;
    }
  }

  private int highestDocumentNumber() throws IOException {
    try (Stream<Path> files = Files.list(outputDirectory)) {
      return files
          .map(p -> documentFile.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .mapToInt(m -> Integer.parseInt(m.group(1)))
          .max()
          .orElse(0);
    }
  }

  // ---- output ------------------------------------------------------------------------------

  private void requireReceipt(int station) throws JposException {
    if (station != PTR_S_RECEIPT && !(slipPresent && station == PTR_S_SLIP)) {
      throw unsupported(
          "station "
              + station
              + (slipPresent
                  ? " (only the receipt and slip stations are present)"
                  : " (only the receipt station is present)"));
    }
  }

  private void requireSlip() throws JposException {
    if (!slipPresent) {
      throw unsupported("slip station");
    }
  }

  /** Common checks of every output method; then buffers (transaction) or prints. */
  private void submit(int station, PaperOp op) throws JposException {
    requireOnline();
    requireReceipt(station);
    synchronized (this) {
      if (transaction != null) {
        if (station != transactionStation) {
          throw illegal(
              name()
                  + ": a transaction is open on station "
                  + transactionStation
                  + ", not "
                  + station);
        }
        transaction.add(op); // UnifiedPOS: buffered until transactionPrint(PTR_TP_NORMAL)
        return;
      }
    }
    output(station, () -> commit(station, List.of(op)));
  }

  @Override
  public void printNormal(int station, String data) throws JposException {
    if (data == null) {
      requireEnabled();
      throw illegal(name() + ": data must not be null");
    }
    submit(station, (p, cut) -> cut.addAll(p.print(data)));
  }

  @Override
  public void printImmediate(int station, String data) throws JposException {
    requireOnline();
    requireReceipt(station);
    if (data == null) {
      throw illegal(name() + ": data must not be null");
    }
    // Always synchronous, no transaction, and allowed while asynchronous output is outstanding.
    commit(station, List.of((p, cut) -> cut.addAll(p.print(data))));
  }

  @Override
  public void cutPaper(int percentage) throws JposException {
    requireEnabled();
    if (percentage < 0 || percentage > 100) {
      throw illegal(name() + ": cut percentage must be 0..100");
    }
    submit(PTR_S_RECEIPT, (p, cut) -> cut.add(p.cut()));
  }

  @Override
  public void printBarCode(
      int station, String data, int symbology, int height, int width, int alignment, int textPos)
      throws JposException {
    requireOnline();
    requireReceipt(station);
    BufferedImage code = PrintImages.barCode(data, symbology, height, width);
    ReceiptPaper.Align align = PrintImages.align(alignment);
    String alt = "[" + (code.getWidth() == code.getHeight() ? "QR" : "BARCODE") + " " + data + "]";
    submit(
        station,
        (p, cut) -> {
          if (textPos == PTR_BC_TEXT_ABOVE) {
            cut.addAll(p.print(data + "\n"));
          }
          p.printImage(code, align, alt);
          if (textPos == PTR_BC_TEXT_BELOW) {
            cut.addAll(p.print(data + "\n"));
          }
        });
  }

  @Override
  public void printBitmap(int station, String fileName, int width, int alignment)
      throws JposException {
    requireOnline();
    requireReceipt(station);
    BufferedImage img = PrintImages.bitmapFile(fileName, width);
    String alt = "[BITMAP " + Path.of(fileName).getFileName() + "]";
    submit(station, (p, cut) -> p.printImage(img, PrintImages.align(alignment), alt));
  }

  @Override
  public void printMemoryBitmap(int station, byte[] data, int type, int width, int alignment)
      throws JposException {
    requireOnline();
    requireReceipt(station);
    BufferedImage img = PrintImages.bitmapBytes(data, type, width);
    submit(station, (p, cut) -> p.printImage(img, PrintImages.align(alignment), "[BITMAP]"));
  }

  @Override
  public void transactionPrint(int station, int control) throws JposException {
    requireOnline();
    requireReceipt(station);
    List<PaperOp> ops;
    synchronized (this) {
      switch (control) {
        case PTR_TP_TRANSACTION -> {
          if (transaction != null) {
            throw illegal(name() + ": a transaction is already open");
          }
          transaction = new ArrayList<>();
          transactionStation = station;
          transactionLost = false;
          return;
        }
        case PTR_TP_NORMAL -> {
          if (transactionLost) {
            transactionLost = false;
            throw new JposException(
                JposConst.JPOS_E_FAILURE,
                name() + ": the transaction was lost to a power failure; nothing was printed");
          }
          if (transaction == null || station != transactionStation) {
            throw illegal(
                name() + ": transactionPrint(PTR_TP_NORMAL) without a transaction on " + station);
          }
          requireNotBusy(); // the transaction stays open, so the application can try again
          ops = List.copyOf(transaction);
          transaction = null;
        }
        default -> throw illegal(name() + ": transactionPrint control " + control + " unknown");
      }
    }
    output(station, () -> commit(station, ops));
  }

  /**
   * UnifiedPOS 1.14 POSPrinter (printNormal, printBarCode, printBitmap, printMemoryBitmap,
   * cutPaper, transactionPrint): "JPOS_E_BUSY: cannot perform while output is in progress (can only
   * be returned if AsyncMode is false)". Asynchronous output waiting in an ErrorEvent is still in
   * progress; printImmediate is exempt, it is meant for exactly that moment.
   */
  private synchronized void requireNotBusy() throws JposException {
    if (!asyncMode && outputPending()) {
      throw new JposException(
          JposConst.JPOS_E_BUSY,
          name()
              + ": "
              + (queuedAsync + runningAsync)
              + " asynchronous output request(s) outstanding; synchronous output must wait");
    }
  }

  /** Runs now (sync) or queues (AsyncMode); queued output answers failures with ErrorEvents. */
  private void output(int station, Output job) throws JposException {
    ExecutorService worker;
    int id;
    long generation;
    synchronized (this) {
      if (!asyncMode) {
        requireNotBusy();
        worker = null;
        id = 0;
        generation = 0;
      } else {
        worker = asyncWorker;
        if (worker == null) {
          throw new JposException(JposConst.JPOS_E_DISABLED, name() + " is not enabled");
        }
        id = ++outputId;
        generation = outputGeneration;
        queuedAsync++;
      }
    }
    if (worker == null) {
      job.run();
      return;
    }
    worker.execute(
        () -> {
          if (!startQueued(generation)) {
            return; // cleared by clearOutput or an earlier ER_CLEAR
          }
          try {
            runQueued(station, job, id, generation);
          } finally {
            asyncDone();
          }
        });
  }

  /** UnifiedPOS 1.14 "Output Model": an error waits for ER_RETRY (again) or ER_CLEAR (drop all). */
  private void runQueued(int station, Output job, int id, long generation) {
    while (true) {
      synchronized (this) {
        if (generation != outputGeneration) {
          return; // cleared by clearOutput or an earlier ER_CLEAR
        }
      }
      try {
        job.run();
        fireOutputComplete(id);
        return;
      } catch (JposException e) {
        synchronized (this) {
          errorLevel = PTR_EL_RECOVERABLE;
          errorStation = station;
          errorString = e.getMessage();
        }
        int answer = awaitOutputErrorResponse(e.getErrorCode(), e.getErrorCodeExtended());
        boolean idle;
        synchronized (this) {
          errorLevel = PTR_EL_NONE;
          errorString = "";
          if (answer == JposConst.JPOS_ER_RETRY) {
            continue;
          }
          idle = dropQueuedOutput(); // JPOS_ER_CLEAR: this request and all queued behind it
        }
        if (idle) {
          fireStatusUpdate(PTR_SUE_IDLE);
        }
        return;
      }
    }
  }

  /**
   * Forgets every queued asynchronous request (each finds its generation gone and does nothing).
   * The request printing now is not interrupted: State stays JPOS_S_BUSY until it ends. True when a
   * PTR_SUE_IDLE is now due (FlagWhenIdle).
   */
  private boolean dropQueuedOutput() {
    assert Thread.holdsLock(this);
    outputGeneration++;
    boolean wasQueued = queuedAsync > 0;
    queuedAsync = 0;
    boolean idle = wasQueued && runningAsync == 0 && flagWhenIdle;
    if (idle) {
      flagWhenIdle = false;
    }
    return idle;
  }

  /** A queued request starts, unless its generation was dropped meanwhile. */
  private synchronized boolean startQueued(long generation) {
    if (generation != outputGeneration) {
      return false;
    }
    queuedAsync--;
    runningAsync++;
    return true;
  }

  private void asyncDone() {
    boolean idle;
    synchronized (this) {
      runningAsync--;
      idle = queuedAsync + runningAsync == 0 && flagWhenIdle;
      if (idle) {
        flagWhenIdle = false;
      }
    }
    if (idle) {
      fireStatusUpdate(PTR_SUE_IDLE);
    }
  }

  /**
   * Prints {@code ops} whole or not at all: tried on a copy of the paper, kept only when the roll
   * holds every line of it.
   */
  private void commit(int station, List<PaperOp> ops) throws JposException {
    synchronized (paperLock) {
      if (!hardware().online()) {
        throw new JposException(JposConst.JPOS_E_OFFLINE, name() + " is offline (power lost)");
      }
      if (station == PTR_S_SLIP) {
        commitSlip(ops);
        return;
      }
      if (roll.level() == SimulatedPaper.Level.EMPTY) {
        throw paperEmpty("the paper is out");
      }
      ReceiptPaper trial = paper.copy();
      List<List<ReceiptPaper.Line>> finished = new ArrayList<>();
      for (PaperOp op : ops) {
        op.apply(trial, finished);
      }
      long used = trial.linesFed() - paper.linesFed();
      if (!roll.consume(used)) {
        paper.clear(); // the part that did print is torn off and discarded by the operator
        throw paperEmpty("the paper ran out during this output; nothing of it was issued");
      }
      paper = trial;
      for (List<ReceiptPaper.Line> document : finished) {
        writeDocument(document);
      }
    }
  }

  /** Output onto the inserted form, whole or not at all; the form is written when ejected. */
  private void commitSlip(List<PaperOp> ops) throws JposException {
    assert Thread.holdsLock(paperLock);
    if (slip == null) {
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          JPOS_EPTR_SLP_EMPTY,
          name() + ": no form in the slip station (beginInsertion/endInsertion first)");
    }
    ReceiptPaper trial = slip.copy();
    List<List<ReceiptPaper.Line>> finished = new ArrayList<>();
    for (PaperOp op : ops) {
      op.apply(trial, finished);
    }
    if (!finished.isEmpty()) {
      throw illegal(name() + ": the slip station has no cutter; eject the form with beginRemoval");
    }
    slip = trial;
  }

  private JposException paperEmpty(String why) {
    return new JposException(JposConst.JPOS_E_EXTENDED, JPOS_EPTR_REC_EMPTY, name() + ": " + why);
  }

  private void writeDocument(List<ReceiptPaper.Line> document) throws JposException {
    int number = lastDocument + 1;
    String base = String.format("%s-%04d", filePrefix, number);
    Path txt = outputDirectory.resolve(base + ".txt");
    try {
      if (renderPng) {
        Path png = outputDirectory.resolve(base + ".png");
        Path tmp = outputDirectory.resolve(base + ".png.tmp");
        try {
          ReceiptPaper.toPng(document, lineChars, tmp);
          Files.move(tmp, png, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException | LinkageError | java.awt.AWTError e) {
          // A missing font or AWT library must not lose the document; the text file is the record.
          LOG.log(System.Logger.Level.WARNING, name() + ": PNG rendering skipped: " + e);
          Files.deleteIfExists(tmp);
        }
      }
      Path tmp = outputDirectory.resolve(base + ".txt.tmp");
      Files.writeString(tmp, ReceiptPaper.toText(document, lineChars), StandardCharsets.UTF_8);
      Files.move(tmp, txt, StandardCopyOption.ATOMIC_MOVE);
      lastDocument = number;
    } catch (IOException e) {
      throw new JposException(
          JposConst.JPOS_E_FAILURE, name() + ": cannot write " + txt + ": " + e, e);
    }
  }

  /**
   * UnifiedPOS 1.14 clearOutput: drops buffered and queued output, the open transaction, and the
   * queued OutputCompleteEvents and output ErrorEvents (a request waiting for the answer to one is
   * dropped too). A request printing now finishes, and State is JPOS_S_BUSY until it has; otherwise
   * State is JPOS_S_IDLE afterwards unless an ErrorEvent is being delivered now.
   */
  @Override
  public void clearOutput() throws JposException {
    requireClaimed();
    boolean idle;
    synchronized (this) {
      idle = dropQueuedOutput();
      transaction = null;
    }
    synchronized (paperLock) {
      paper.clear();
      if (slip != null) {
        slip = new ReceiptPaper(lineChars); // buffered slip output is dropped; the form stays in
      }
    }
    clearQueuedOutputEvents();
    if (idle) {
      fireStatusUpdate(PTR_SUE_IDLE);
    }
  }

  @Override
  public void validateData(int station, String data) throws JposException {
    requireOpen();
    requireReceipt(station);
  }

  @Override
  public void printTwoNormal(int stations, String data1, String data2) throws JposException {
    requireEnabled();
    throw unsupported("printTwoNormal (one station only)");
  }

  @Override
  public void setBitmap(int number, int station, String fileName, int width, int alignment)
      throws JposException {
    requireOpen();
    throw unsupported("stored bitmaps (use printBitmap)");
  }

  @Override
  public void setLogo(int location, String data) throws JposException {
    requireOpen();
    throw unsupported("logos");
  }

  @Override
  public void rotatePrint(int station, int rotation) throws JposException {
    requireEnabled();
    throw unsupported("rotated printing");
  }

  @Override
  public void drawRuledLine(
      int station, String position, int direction, int width, int style, int color)
      throws JposException {
    requireEnabled();
    throw unsupported("ruled lines");
  }

  @Override
  public void markFeed(int type) throws JposException {
    requireEnabled();
    throw unsupported("mark feed");
  }

  @Override
  public void changePrintSide(int side) throws JposException {
    requireEnabled();
    throw unsupported("two-sided slip printing");
  }

  @Override
  public void clearPrintArea() throws JposException {
    requireEnabled();
    throw unsupported("page mode");
  }

  @Override
  public void pageModePrint(int control) throws JposException {
    requireEnabled();
    throw unsupported("page mode");
  }

  /**
   * Feeds a blank form from the feeder into the slip (at once: the feeder never runs dry).
   * JPOS_E_BUSY while asynchronous output is outstanding.
   */
  @Override
  public void beginInsertion(int timeout) throws JposException {
    requireOnline();
    requireSlip();
    if (timeout < 0 && timeout != JposConst.JPOS_FOREVER) {
      throw illegal(name() + ": timeout must be >= 0 or JPOS_FOREVER");
    }
    synchronized (this) {
      if (outputPending()) {
        throw new JposException(JposConst.JPOS_E_BUSY, name() + ": output in progress");
      }
      inserting = true;
    }
    synchronized (paperLock) {
      if (slip == null) {
        slip = new ReceiptPaper(lineChars);
      }
    }
  }

  @Override
  public void endInsertion() throws JposException {
    requireOnline();
    requireSlip();
    synchronized (this) {
      if (!inserting) {
        throw illegal(name() + ": endInsertion without beginInsertion");
      }
      inserting = false;
    }
  }

  @Override
  public void beginRemoval(int timeout) throws JposException {
    requireOnline();
    requireSlip();
    if (timeout < 0 && timeout != JposConst.JPOS_FOREVER) {
      throw illegal(name() + ": timeout must be >= 0 or JPOS_FOREVER");
    }
    synchronized (this) {
      if (outputPending()) {
        throw new JposException(JposConst.JPOS_E_BUSY, name() + ": output in progress");
      }
      removing = true;
    }
  }

  /** Ejects the form; what was printed on it is one document. */
  @Override
  public void endRemoval() throws JposException {
    requireOnline();
    requireSlip();
    synchronized (this) {
      if (!removing) {
        throw illegal(name() + ": endRemoval without beginRemoval");
      }
      removing = false;
    }
    synchronized (paperLock) {
      ReceiptPaper form = slip;
      slip = null;
      if (form != null) {
        List<ReceiptPaper.Line> printed = form.cut();
        if (!printed.isEmpty()) {
          writeDocument(printed);
        }
      }
    }
  }

  // ---- receipt station capabilities and properties -----------------------------------------

  @Override
  public boolean getCapRecPresent() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public boolean getCapRecPapercut() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public boolean getCapRecBold() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public boolean getCapRecEmptySensor() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public int getCapCharacterSet() throws JposException {
    requireOpen();
    return PTR_CCS_UNICODE;
  }

  @Override
  public int getCharacterSet() throws JposException {
    requireOpen();
    return PTR_CS_UNICODE;
  }

  @Override
  public void setCharacterSet(int set) throws JposException {
    requireOpen();
    if (set != PTR_CS_UNICODE) {
      throw unsupported("character set " + set + " (only " + PTR_CS_UNICODE + ")");
    }
  }

  @Override
  public String getCharacterSetList() throws JposException {
    requireOpen();
    return String.valueOf(PTR_CS_UNICODE);
  }

  @Override
  public synchronized boolean getAsyncMode() throws JposException {
    requireOpen();
    return asyncMode;
  }

  @Override
  public synchronized void setAsyncMode(boolean async) throws JposException {
    requireOpen();
    asyncMode = async;
  }

  @Override
  public synchronized int getOutputID() throws JposException {
    requireOpen();
    return outputId;
  }

  @Override
  public synchronized boolean getFlagWhenIdle() throws JposException {
    requireOpen();
    return flagWhenIdle;
  }

  @Override
  public void setFlagWhenIdle(boolean flag) throws JposException {
    boolean idleNow;
    synchronized (this) {
      requireOpen();
      flagWhenIdle = flag;
      idleNow = flag && !outputPending();
      if (idleNow) {
        flagWhenIdle = false; // UnifiedPOS: reset to false when the idle event is enqueued
      }
    }
    if (idleNow) {
      fireStatusUpdate(PTR_SUE_IDLE);
    }
  }

  @Override
  public synchronized int getMapMode() throws JposException {
    requireOpen();
    return mapMode;
  }

  @Override
  public synchronized void setMapMode(int mode) throws JposException {
    requireOpen();
    if (mode < PTR_MM_DOTS || mode > PTR_MM_METRIC) {
      throw illegal(name() + ": unknown MapMode " + mode);
    }
    mapMode = mode;
  }

  @Override
  public boolean getRecEmpty() throws JposException {
    requireOpen();
    return roll.level() == SimulatedPaper.Level.EMPTY;
  }

  @Override
  public boolean getRecNearEnd() throws JposException {
    requireOpen();
    return roll.level() != SimulatedPaper.Level.OK;
  }

  @Override
  public synchronized boolean getRecLetterQuality() throws JposException {
    requireOpen();
    return recLetterQuality;
  }

  @Override
  public synchronized void setRecLetterQuality(boolean quality) throws JposException {
    requireOpen();
    recLetterQuality = quality;
  }

  @Override
  public int getRecLineChars() throws JposException {
    requireOpen();
    return lineChars;
  }

  @Override
  public void setRecLineChars(int chars) throws JposException {
    requireOpen();
    if (chars != lineChars) {
      throw illegal(name() + ": RecLineChars " + chars + " not in " + getRecLineCharsList());
    }
  }

  @Override
  public String getRecLineCharsList() throws JposException {
    requireOpen();
    return String.valueOf(lineChars);
  }

  @Override
  public synchronized int getRecLineHeight() throws JposException {
    requireOpen();
    return recLineHeight;
  }

  @Override
  public synchronized void setRecLineHeight(int height) throws JposException {
    requireOpen();
    if (height <= 0) {
      throw illegal(name() + ": RecLineHeight must be positive");
    }
    recLineHeight = height;
  }

  @Override
  public synchronized int getRecLineSpacing() throws JposException {
    requireOpen();
    return recLineSpacing;
  }

  @Override
  public synchronized void setRecLineSpacing(int spacing) throws JposException {
    requireOpen();
    if (spacing <= 0) {
      throw illegal(name() + ": RecLineSpacing must be positive");
    }
    recLineSpacing = spacing;
  }

  @Override
  public int getRecLinesToPaperCut() throws JposException {
    requireOpen();
    return 0; // the cutter is at the print head: cut means "this receipt ends here"
  }

  @Override
  public int getRecLineWidth() throws JposException {
    requireOpen();
    return lineChars * 12;
  }

  @Override
  public int getRecSidewaysMaxChars() throws JposException {
    requireOpen();
    return 0;
  }

  @Override
  public int getRecSidewaysMaxLines() throws JposException {
    requireOpen();
    return 0;
  }

  @Override
  public String getRecBarCodeRotationList() throws JposException {
    requireOpen();
    return "";
  }

  @Override
  public String getRecBitmapRotationList() throws JposException {
    requireOpen();
    return "";
  }

  @Override
  public int getRotateSpecial() throws JposException {
    requireOpen();
    return PTR_RP_NORMAL;
  }

  @Override
  public void setRotateSpecial(int rotation) throws JposException {
    requireOpen();
    if (rotation != PTR_RP_NORMAL) {
      throw unsupported("rotation " + rotation);
    }
  }

  @Override
  public int getCapRecColor() throws JposException {
    requireOpen();
    return PTR_COLOR_PRIMARY;
  }

  @Override
  public int getRecCurrentCartridge() throws JposException {
    requireOpen();
    return PTR_COLOR_PRIMARY;
  }

  @Override
  public void setRecCurrentCartridge(int cartridge) throws JposException {
    requireOpen();
    if (cartridge != PTR_COLOR_PRIMARY) {
      throw unsupported("cartridge " + cartridge);
    }
  }

  @Override
  public int getRecCartridgeState() throws JposException {
    requireOpen();
    return PTR_CART_OK;
  }

  @Override
  public int getCartridgeNotify() throws JposException {
    requireOpen();
    return JposConst.JPOS_PN_DISABLED;
  }

  @Override
  public void setCartridgeNotify(int notify) throws JposException {
    requireDisabled();
    if (notify != JposConst.JPOS_PN_DISABLED) {
      throw unsupported("cartridge notification");
    }
  }

  @Override
  public boolean getCoverOpen() throws JposException {
    requireOpen();
    return false;
  }

  @Override
  public synchronized int getErrorLevel() throws JposException {
    requireOpen();
    return errorLevel;
  }

  @Override
  public synchronized int getErrorStation() throws JposException {
    requireOpen();
    return errorLevel == PTR_EL_NONE ? 0 : errorStation;
  }

  @Override
  public synchronized String getErrorString() throws JposException {
    requireOpen();
    return errorString;
  }

  @Override
  public String getFontTypefaceList() throws JposException {
    requireOpen();
    return "";
  }

  @Override
  public boolean getCapMapCharacterSet() throws JposException {
    requireOpen();
    return false;
  }

  @Override
  public boolean getMapCharacterSet() throws JposException {
    requireOpen();
    return false;
  }

  @Override
  public void setMapCharacterSet(boolean map) throws JposException {
    requireOpen();
    if (map) {
      throw unsupported("character set mapping");
    }
  }

  // ---- capabilities this printer does not have ---------------------------------------------

  private boolean no() throws JposException {
    requireOpen();
    return false;
  }

  private int zero() throws JposException {
    requireOpen();
    return 0;
  }

  private String none() throws JposException {
    requireOpen();
    return "";
  }

  @Override
  public boolean getCapConcurrentJrnRec() throws JposException {
    return no();
  }

  @Override
  public boolean getCapConcurrentJrnSlp() throws JposException {
    return no();
  }

  @Override
  public boolean getCapConcurrentRecSlp() throws JposException {
    return no();
  }

  @Override
  public boolean getCapCoverSensor() throws JposException {
    return no();
  }

  @Override
  public boolean getCapJrn2Color() throws JposException {
    return no();
  }

  @Override
  public boolean getCapJrnBold() throws JposException {
    return no();
  }

  @Override
  public boolean getCapJrnDhigh() throws JposException {
    return no();
  }

  @Override
  public boolean getCapJrnDwide() throws JposException {
    return no();
  }

  @Override
  public boolean getCapJrnDwideDhigh() throws JposException {
    return no();
  }

  @Override
  public boolean getCapJrnEmptySensor() throws JposException {
    return no();
  }

  @Override
  public boolean getCapJrnItalic() throws JposException {
    return no();
  }

  @Override
  public boolean getCapJrnNearEndSensor() throws JposException {
    return no();
  }

  @Override
  public boolean getCapJrnPresent() throws JposException {
    return no();
  }

  @Override
  public boolean getCapJrnUnderline() throws JposException {
    return no();
  }

  @Override
  public boolean getCapRec2Color() throws JposException {
    return no();
  }

  @Override
  public boolean getCapRecBarCode() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public boolean getCapRecBitmap() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public boolean getCapRecDhigh() throws JposException {
    return no();
  }

  @Override
  public boolean getCapRecDwide() throws JposException {
    return no();
  }

  @Override
  public boolean getCapRecDwideDhigh() throws JposException {
    return no();
  }

  @Override
  public boolean getCapRecItalic() throws JposException {
    return no();
  }

  @Override
  public boolean getCapRecLeft90() throws JposException {
    return no();
  }

  @Override
  public boolean getCapRecNearEndSensor() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public boolean getCapRecRight90() throws JposException {
    return no();
  }

  @Override
  public boolean getCapRecRotate180() throws JposException {
    return no();
  }

  @Override
  public boolean getCapRecStamp() throws JposException {
    return no();
  }

  @Override
  public boolean getCapRecUnderline() throws JposException {
    return no();
  }

  @Override
  public boolean getCapSlp2Color() throws JposException {
    return no();
  }

  @Override
  public boolean getCapSlpBarCode() throws JposException {
    requireOpen();
    return slipPresent;
  }

  @Override
  public boolean getCapSlpBitmap() throws JposException {
    requireOpen();
    return slipPresent;
  }

  @Override
  public boolean getCapSlpBold() throws JposException {
    requireOpen();
    return slipPresent;
  }

  @Override
  public boolean getCapSlpDhigh() throws JposException {
    return no();
  }

  @Override
  public boolean getCapSlpDwide() throws JposException {
    return no();
  }

  @Override
  public boolean getCapSlpDwideDhigh() throws JposException {
    return no();
  }

  @Override
  public boolean getCapSlpEmptySensor() throws JposException {
    requireOpen();
    return slipPresent;
  }

  @Override
  public boolean getCapSlpFullslip() throws JposException {
    return no();
  }

  @Override
  public boolean getCapSlpItalic() throws JposException {
    return no();
  }

  @Override
  public boolean getCapSlpLeft90() throws JposException {
    return no();
  }

  @Override
  public boolean getCapSlpNearEndSensor() throws JposException {
    return no();
  }

  @Override
  public boolean getCapSlpPresent() throws JposException {
    requireOpen();
    return slipPresent;
  }

  @Override
  public boolean getCapSlpRight90() throws JposException {
    return no();
  }

  @Override
  public boolean getCapSlpRotate180() throws JposException {
    return no();
  }

  @Override
  public boolean getCapSlpUnderline() throws JposException {
    return no();
  }

  @Override
  public boolean getCapTransaction() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public boolean getCapSlpBothSidesPrint() throws JposException {
    return no();
  }

  @Override
  public boolean getCapConcurrentPageMode() throws JposException {
    return no();
  }

  @Override
  public boolean getCapRecPageMode() throws JposException {
    return no();
  }

  @Override
  public boolean getCapSlpPageMode() throws JposException {
    return no();
  }

  @Override
  public int getCapJrnCartridgeSensor() throws JposException {
    return zero();
  }

  @Override
  public int getCapJrnColor() throws JposException {
    return zero();
  }

  @Override
  public int getCapRecCartridgeSensor() throws JposException {
    return zero();
  }

  @Override
  public int getCapRecMarkFeed() throws JposException {
    return zero();
  }

  @Override
  public int getCapSlpCartridgeSensor() throws JposException {
    return zero();
  }

  @Override
  public int getCapSlpColor() throws JposException {
    return zero();
  }

  @Override
  public int getCapRecRuledLine() throws JposException {
    return zero();
  }

  @Override
  public int getCapSlpRuledLine() throws JposException {
    return zero();
  }

  @Override
  public boolean getJrnEmpty() throws JposException {
    return no();
  }

  @Override
  public boolean getJrnLetterQuality() throws JposException {
    return no();
  }

  @Override
  public int getJrnLineChars() throws JposException {
    return zero();
  }

  @Override
  public String getJrnLineCharsList() throws JposException {
    return none();
  }

  @Override
  public int getJrnLineHeight() throws JposException {
    return zero();
  }

  @Override
  public int getJrnLineSpacing() throws JposException {
    return zero();
  }

  @Override
  public int getJrnLineWidth() throws JposException {
    return zero();
  }

  @Override
  public boolean getJrnNearEnd() throws JposException {
    return no();
  }

  @Override
  public int getJrnCartridgeState() throws JposException {
    return zero();
  }

  @Override
  public int getJrnCurrentCartridge() throws JposException {
    return zero();
  }

  @Override
  public String getSlpBarCodeRotationList() throws JposException {
    return none();
  }

  @Override
  public String getSlpBitmapRotationList() throws JposException {
    return none();
  }

  @Override
  public boolean getSlpEmpty() throws JposException {
    requireOpen();
    synchronized (paperLock) {
      return slipPresent && slip == null;
    }
  }

  @Override
  public boolean getSlpLetterQuality() throws JposException {
    return no();
  }

  @Override
  public int getSlpLineChars() throws JposException {
    requireOpen();
    return slipPresent ? lineChars : 0;
  }

  @Override
  public String getSlpLineCharsList() throws JposException {
    requireOpen();
    return slipPresent ? String.valueOf(lineChars) : "";
  }

  @Override
  public int getSlpLineHeight() throws JposException {
    return zero();
  }

  @Override
  public int getSlpLinesNearEndToEnd() throws JposException {
    return zero();
  }

  @Override
  public int getSlpLineSpacing() throws JposException {
    return zero();
  }

  @Override
  public int getSlpLineWidth() throws JposException {
    requireOpen();
    return slipPresent ? lineChars * 12 : 0;
  }

  @Override
  public int getSlpMaxLines() throws JposException {
    return zero();
  }

  @Override
  public boolean getSlpNearEnd() throws JposException {
    return no();
  }

  @Override
  public int getSlpSidewaysMaxChars() throws JposException {
    return zero();
  }

  @Override
  public int getSlpSidewaysMaxLines() throws JposException {
    return zero();
  }

  @Override
  public int getSlpCartridgeState() throws JposException {
    return zero();
  }

  @Override
  public int getSlpCurrentCartridge() throws JposException {
    return zero();
  }

  @Override
  public int getSlpPrintSide() throws JposException {
    return zero();
  }

  @Override
  public String getPageModeArea() throws JposException {
    return none();
  }

  @Override
  public int getPageModeDescriptor() throws JposException {
    return zero();
  }

  @Override
  public int getPageModeHorizontalPosition() throws JposException {
    return zero();
  }

  @Override
  public String getPageModePrintArea() throws JposException {
    return none();
  }

  @Override
  public int getPageModePrintDirection() throws JposException {
    return zero();
  }

  @Override
  public int getPageModeStation() throws JposException {
    return zero();
  }

  @Override
  public int getPageModeVerticalPosition() throws JposException {
    return zero();
  }

  @Override
  public void setJrnLetterQuality(boolean quality) throws JposException {
    requireOpen();
    throw unsupported("journal station");
  }

  @Override
  public void setJrnLineChars(int chars) throws JposException {
    requireOpen();
    throw unsupported("journal station");
  }

  @Override
  public void setJrnLineHeight(int height) throws JposException {
    requireOpen();
    throw unsupported("journal station");
  }

  @Override
  public void setJrnLineSpacing(int spacing) throws JposException {
    requireOpen();
    throw unsupported("journal station");
  }

  @Override
  public void setJrnCurrentCartridge(int cartridge) throws JposException {
    requireOpen();
    throw unsupported("journal station");
  }

  @Override
  public void setSlpLetterQuality(boolean quality) throws JposException {
    requireOpen();
    throw unsupported("slip station");
  }

  @Override
  public void setSlpLineChars(int chars) throws JposException {
    requireOpen();
    throw unsupported("slip station");
  }

  @Override
  public void setSlpLineHeight(int height) throws JposException {
    requireOpen();
    throw unsupported("slip station");
  }

  @Override
  public void setSlpLineSpacing(int spacing) throws JposException {
    requireOpen();
    throw unsupported("slip station");
  }

  @Override
  public void setSlpCurrentCartridge(int cartridge) throws JposException {
    requireOpen();
    throw unsupported("slip station");
  }

  @Override
  public void setPageModeHorizontalPosition(int position) throws JposException {
    requireOpen();
    throw unsupported("page mode");
  }

  @Override
  public void setPageModePrintArea(String area) throws JposException {
    requireOpen();
    throw unsupported("page mode");
  }

  @Override
  public void setPageModePrintDirection(int direction) throws JposException {
    requireOpen();
    throw unsupported("page mode");
  }

  @Override
  public void setPageModeStation(int station) throws JposException {
    requireOpen();
    throw unsupported("page mode");
  }

  @Override
  public void setPageModeVerticalPosition(int position) throws JposException {
    requireOpen();
    throw unsupported("page mode");
  }
}
